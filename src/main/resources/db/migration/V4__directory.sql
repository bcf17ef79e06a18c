-- The partner directory: who may send, over which channels, and the certificates that prove it.
-- Administrators change it with the partner / cert / crl commands; every change is on the audit trail.

CREATE TABLE partner (
    partner_id        VARCHAR(64)  PRIMARY KEY,
    name              VARCHAR(200) NOT NULL,
    country           VARCHAR(2),                -- ISO 3166 alpha-2, when known
    sftp_account      VARCHAR(64)  NOT NULL,     -- the partner's SFTP account: its folder under the gateway's inbox
    status            VARCHAR(16)  NOT NULL,     -- ACTIVE, SUSPENDED (a suspended partner's packages are refused)
    allow_legacy_key_transport BOOLEAN NOT NULL, -- RSA PKCS#1 v1.5 key transport accepted from this partner
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Sender addresses that may carry a partner's packages; an address belongs to one partner only.
CREATE TABLE partner_mail (
    partner_id VARCHAR(64)  NOT NULL REFERENCES partner (partner_id),
    address    VARCHAR(320) NOT NULL,            -- lower case
    PRIMARY KEY (partner_id, address),
    CONSTRAINT partner_mail_address UNIQUE (address)
);

-- A partner's certificates: trust anchors (its CAs) and pinned signer certificates. A partner may
-- hold several at once, each used only inside its window of use (set by the administrator within
-- the certificate's validity), so a rollover is two overlapping windows.
CREATE TABLE partner_certificate (
    partner_id     VARCHAR(64)   NOT NULL REFERENCES partner (partner_id),
    sha256         CHAR(64)      NOT NULL,       -- fingerprint of the DER encoding
    kind           VARCHAR(16)   NOT NULL,       -- TRUST_ANCHOR, PINNED
    der            BYTEA         NOT NULL,
    subject        VARCHAR(1024) NOT NULL,
    issuer         VARCHAR(1024) NOT NULL,
    serial         VARCHAR(128)  NOT NULL,       -- hexadecimal
    not_before     TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after      TIMESTAMP WITH TIME ZONE NOT NULL,
    use_from       TIMESTAMP WITH TIME ZONE NOT NULL,
    use_until      TIMESTAMP WITH TIME ZONE NOT NULL,
    status         VARCHAR(16)   NOT NULL,       -- ACTIVE, REVOKED
    revoked_reason VARCHAR(1000),
    revoked_at     TIMESTAMP WITH TIME ZONE,
    imported_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (partner_id, sha256)
);

-- Revocation lists of a partner's CAs; a newer list from the same issuer replaces the older one.
CREATE TABLE partner_crl (
    partner_id  VARCHAR(64)   NOT NULL REFERENCES partner (partner_id),
    sha256      CHAR(64)      NOT NULL,
    der         BYTEA         NOT NULL,
    issuer      VARCHAR(1024) NOT NULL,
    this_update TIMESTAMP WITH TIME ZONE NOT NULL,
    next_update TIMESTAMP WITH TIME ZONE,
    imported_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (partner_id, sha256)
);

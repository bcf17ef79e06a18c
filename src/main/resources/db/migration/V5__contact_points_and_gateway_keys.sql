-- The contact-point directory: the national contact points and offices that receive routed notices.
-- Administrators change it with the contact-point commands; every change is on the audit trail.
-- Credentials are NAMES (of environment variables, of a PKCS#12 file on the gateway's disk), never secrets.

CREATE TABLE contact_point (
    contact_point_id  VARCHAR(64)   PRIMARY KEY,
    name              VARCHAR(200)  NOT NULL,
    country           VARCHAR(2)    NOT NULL,   -- ISO 3166 alpha-2
    categories        VARCHAR(200)  NOT NULL,   -- comma-separated notice categories it handles, e.g. NARCOTICS,WILDLIFE
    endpoint          VARCHAR(2000) NOT NULL,   -- https://..., sftp://host:port/folder or mailto:address
    bearer_token_env  VARCHAR(128),             -- name of the environment variable holding the bearer token
    client_certificate_file VARCHAR(1000),      -- PKCS#12 file (key and chain) for mutual TLS, on the gateway's disk
    client_certificate_password_env VARCHAR(128), -- name of the environment variable holding its password
    status            VARCHAR(16)   NOT NULL,   -- ACTIVE, SUSPENDED (deliveries to a suspended one are held, queued)
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The certificates deliveries are encrypted for. Several at once during a rollover, each used inside its
-- window of use; the one whose window started last is used.
CREATE TABLE contact_point_certificate (
    contact_point_id VARCHAR(64)   NOT NULL REFERENCES contact_point (contact_point_id),
    sha256         CHAR(64)      NOT NULL,
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
    PRIMARY KEY (contact_point_id, sha256)
);

-- The gateway's own keys: decryption keys (several ACTIVE during a rollover: each opens packages sealed
-- for it) and signing keys (the most recently activated ACTIVE one signs deliveries and receipts).
-- The private key is only ever stored inside key_store: a PKCS#12 encrypted with the gateway's key
-- password (gateway.key-password, from the environment), never in plain.
CREATE TABLE gateway_key (
    sha256         CHAR(64)      PRIMARY KEY,    -- fingerprint of the key's certificate
    purpose        VARCHAR(16)   NOT NULL,       -- DECRYPTION, SIGNING
    status         VARCHAR(16)   NOT NULL,       -- PENDING, ACTIVE, RETIRED
    algorithm      VARCHAR(32)   NOT NULL,       -- e.g. RSA 3072, EC P-256
    subject        VARCHAR(1024) NOT NULL,
    issuer         VARCHAR(1024) NOT NULL,
    serial         VARCHAR(128)  NOT NULL,
    not_before     TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after      TIMESTAMP WITH TIME ZONE NOT NULL,
    certificate    BYTEA         NOT NULL,       -- DER, public: what partners and contact points are given
    key_store      BYTEA         NOT NULL,       -- PKCS#12 (key and chain), encrypted with the key password
    source         VARCHAR(1000) NOT NULL,       -- generated, or the file it was imported from
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at   TIMESTAMP WITH TIME ZONE,
    retired_at     TIMESTAMP WITH TIME ZONE,
    retired_reason VARCHAR(1000)
);

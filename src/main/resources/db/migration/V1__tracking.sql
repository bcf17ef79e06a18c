-- Tracking and audit. Written in the SQL that H2 (the default) and PostgreSQL both accept.

-- A package taken in: its raw bytes are in the archive under sha256. A row is written before
-- the source (the SFTP file, the mail) is released; the same bytes again are a duplicate.
CREATE TABLE package (
    sha256          CHAR(64)      PRIMARY KEY,
    size_bytes      BIGINT        NOT NULL,
    channel         VARCHAR(16)   NOT NULL,   -- sftp | mail
    claimed_partner VARCHAR(64)   NOT NULL,   -- the partner the channel says sent it; checked against the signer
    origin          VARCHAR(1024) NOT NULL,   -- inbox path, or mail sender and Message-ID
    form            VARCHAR(8)    NOT NULL,   -- CMS | SMIME
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    state           VARCHAR(16)   NOT NULL,   -- RECEIVED, ACCEPTED, QUARANTINED
    partner_id      VARCHAR(64),              -- once the signature is verified
    signer_subject  VARCHAR(1024),
    signer_serial   VARCHAR(128),
    reason_code     VARCHAR(64),              -- when QUARANTINED
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A notice as the gateway knows it. A partner's reference is unique per partner and version;
-- the same reference with the same content is a duplicate, with other content a new version.
CREATE TABLE notice (
    notice_id      VARCHAR(200) PRIMARY KEY,  -- the gateway's id: partner, reference, version
    partner_id     VARCHAR(64)  NOT NULL,
    reference      VARCHAR(128) NOT NULL,     -- the partner's own notice id
    version        INTEGER      NOT NULL,
    content_sha256 CHAR(64)     NOT NULL,     -- digest of the notice as signed, without the gateway's additions
    package_sha256 CHAR(64)     NOT NULL REFERENCES package (sha256),
    supersedes     VARCHAR(200) REFERENCES notice (notice_id),
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notice_version UNIQUE (partner_id, reference, version),
    CONSTRAINT notice_content UNIQUE (partner_id, reference, content_sha256)
);
CREATE INDEX notice_package ON notice (package_sha256);

-- One delivery of one notice to one contact point; the key is the Idempotency-Key.
-- The sealed bytes (a signed, maybe encrypted notice: kilobytes) are kept with the row, so every
-- instance can make any delivery and every retry sends exactly the same bytes.
CREATE TABLE delivery (
    delivery_key     VARCHAR(300)  PRIMARY KEY,
    notice_id        VARCHAR(200)  NOT NULL REFERENCES notice (notice_id),
    contact_point_id VARCHAR(64)   NOT NULL,
    routing_reason   VARCHAR(1024) NOT NULL,
    state            VARCHAR(16)   NOT NULL,  -- QUEUED, DELIVERED, DEAD
    sealed           BYTEA         NOT NULL,
    attempts         INTEGER       NOT NULL,
    first_attempt_at TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_outcome     VARCHAR(1024),
    claimed_by       VARCHAR(128),            -- the instance making an attempt now ...
    claimed_until    TIMESTAMP WITH TIME ZONE, -- ... until then; a dead instance's claim lapses
    queued_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX delivery_due ON delivery (state, next_attempt_at);
CREATE INDEX delivery_notice ON delivery (notice_id);

-- Refused packages; the evidence (raw bytes, entry.json) stays in the quarantine folder.
CREATE TABLE quarantine (
    quarantine_id  VARCHAR(100)  PRIMARY KEY,
    package_sha256 CHAR(64)      NOT NULL REFERENCES package (sha256),
    reason_code    VARCHAR(64)   NOT NULL,
    message        VARCHAR(4000) NOT NULL,
    state          VARCHAR(16)   NOT NULL,    -- OPEN, REPROCESSED, DISCARDED
    quarantined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX quarantine_package ON quarantine (package_sha256);

-- The audit trail: append-only, each record chained to the one before by its hash.
CREATE TABLE audit (
    seq         BIGINT        PRIMARY KEY,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    actor       VARCHAR(128)  NOT NULL,       -- gateway instance, or the admin who acted
    event       VARCHAR(32)   NOT NULL,       -- RECEIVED, OPENED, REFUSED, CONVERTED, ROUTED, DELIVERED, ...
    subject     VARCHAR(300)  NOT NULL,       -- package sha256, notice id or delivery key
    detail      VARCHAR(4000) NOT NULL,
    prev_hash   CHAR(64)      NOT NULL,
    hash        CHAR(64)      NOT NULL
);
CREATE INDEX audit_subject ON audit (subject);

-- The head of the chain in one row: appenders lock it, so records from several instances form
-- one chain with no forks.
CREATE TABLE audit_head (
    id   INTEGER  PRIMARY KEY,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

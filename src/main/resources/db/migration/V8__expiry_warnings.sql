-- Certificate expiry warnings already given: one row per certificate, owner and threshold (30, 14, 7, 1
-- days; 0 = expired). The expiry watch inserts the row in the transaction that sends the warning, so a
-- restart, or another instance sharing the database, never sends the same warning twice.
CREATE TABLE expiry_warning (
    owner_kind     VARCHAR(16)  NOT NULL,        -- PARTNER, CONTACT_POINT, GATEWAY
    owner_id       VARCHAR(128) NOT NULL,
    sha256         CHAR(64)     NOT NULL,        -- fingerprint of the certificate's DER encoding
    threshold_days INTEGER      NOT NULL,        -- the threshold crossed; 0 when it had expired
    not_after      TIMESTAMP WITH TIME ZONE NOT NULL,
    warned_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    warned_by      VARCHAR(128) NOT NULL,        -- the gateway instance that sent it
    mailed_to      VARCHAR(1000),                -- the recipients, or null when it was only logged
    PRIMARY KEY (owner_kind, owner_id, sha256, threshold_days)
);

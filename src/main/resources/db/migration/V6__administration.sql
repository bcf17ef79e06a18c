-- What administrators do about packages the flow could not finish: a refused (quarantined) package
-- is processed again or discarded; a package whose processing failed on every attempt is recorded
-- as FAILED and re-driven. Every such action is on the audit trail with who made it.

-- The last failed attempt at processing a package: the exception's type and the first line of its
-- message, never content. Kept when the package ends as FAILED (state), for 'failed list'.
ALTER TABLE package ADD COLUMN last_error VARCHAR(1000);
ALTER TABLE package ADD COLUMN failed_attempts INTEGER;

-- A quarantine entry an administrator discarded: its bytes are removed, the record stays.
ALTER TABLE quarantine ADD COLUMN discarded_by VARCHAR(128);
ALTER TABLE quarantine ADD COLUMN discard_reason VARCHAR(1000);

-- An administrator's request to put a package through the flow again: REPROCESS (a quarantine entry,
-- once its cause is fixed) or REDRIVE (a failed package). The command line records it; a gateway
-- instance takes it (TAKEN until taken_until, so a dead instance's request goes to another), puts the
-- package back through intake onto the received queue (QUEUED), or says why it could not (FAILED).
CREATE TABLE package_request (
    request_id     VARCHAR(64)   PRIMARY KEY,
    package_sha256 CHAR(64)      NOT NULL REFERENCES package (sha256),
    kind           VARCHAR(16)   NOT NULL,    -- REPROCESS, REDRIVE
    quarantine_id  VARCHAR(100)  REFERENCES quarantine (quarantine_id),
    state          VARCHAR(16)   NOT NULL,    -- PENDING, TAKEN, QUEUED, FAILED
    requested_by   VARCHAR(128)  NOT NULL,
    requested_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    taken_by       VARCHAR(128),
    taken_until    TIMESTAMP WITH TIME ZONE,
    outcome        VARCHAR(1000),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX package_request_state ON package_request (state, requested_at);
CREATE INDEX package_request_package ON package_request (package_sha256);

-- Tokens of the admin REST API (admin-token create|list|revoke). Only the SHA-256 of each token is
-- kept: the database, its backups and its readers never hold a usable token. A revoked token stays
-- on record (its name is its holder's identity on the audit trail) and is never accepted again.
CREATE TABLE api_token (
    name         VARCHAR(64)  PRIMARY KEY,       -- the holder, as the audit trail names them: api:<name>
    role         VARCHAR(16)  NOT NULL,          -- ADMIN (reads and writes), AUDITOR (reads only)
    token_hash   CHAR(64)     NOT NULL,          -- hex SHA-256 of the token's text
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,       -- updated at most once a minute
    CONSTRAINT api_token_hash UNIQUE (token_hash)
);

-- Which notices each package brought, in order, and what each was for the gateway then: NEW,
-- NEW_VERSION (of a reference seen before, with other content) or DUPLICATE (same reference, same
-- content: nothing queued again). A notice row belongs to the package that first brought it; this
-- table also records the packages that brought it again, for the receipt and the trace. It is
-- written in the transaction that registers the notice, so a package processed again after a crash
-- finds its notices already registered and reports them as they were.
CREATE TABLE package_notice (
    package_sha256 CHAR(64)     NOT NULL REFERENCES package (sha256),
    position       BIGINT       NOT NULL,     -- 1 for the document's first notice (the CSV row order)
    notice_id      VARCHAR(200) NOT NULL REFERENCES notice (notice_id),
    outcome        VARCHAR(16)  NOT NULL,     -- NEW, NEW_VERSION, DUPLICATE
    PRIMARY KEY (package_sha256, position)
);
CREATE INDEX package_notice_notice ON package_notice (notice_id);

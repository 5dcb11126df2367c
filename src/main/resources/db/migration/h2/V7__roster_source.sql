-- The SIS source query (sisbridge.roster.source.*): one row per student the agent queued from it, keyed by
-- college and local id. Inserting it in the same transaction as the outbox row is what makes "each student
-- enters the outbox once" structural: a crash or a second run overlapping meets this primary key, never a
-- second live outbox row. The fingerprint (sha256 of the normalized fields) says whether a REJECTED or ERROR
-- student changed in the SIS and may be queued again. It lives here, not on the outbox row, because the
-- outbox may be mapped into a table of the college's own (sisbridge.staging.mapping).
CREATE TABLE cccid_source_student (
    mis_code      VARCHAR(3)   NOT NULL,
    local_id      VARCHAR(64)   NOT NULL,
    fingerprint   VARCHAR(64)   NOT NULL,
    updated_at    TIMESTAMP   NOT NULL,
    CONSTRAINT pk_cccid_source_student PRIMARY KEY (mis_code, local_id)
);

-- The source run looks up the latest outbox row of each student it reads (a file or the SIS may have queued it).
CREATE INDEX ix_cccid_request_local ON cccid_request (mis_code, local_id, request_id);

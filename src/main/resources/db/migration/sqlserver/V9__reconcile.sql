-- Reconciliation (issue 15 section 4): the students the SIS already lists with a CCCID, checked against
-- upstream in match-only batches. One run per MIS code at a time: a run left RUNNING by a crash is resumed
-- under its own id, and the primary key (run_id, mis_code, local_id) keeps one outcome per student per run.
CREATE TABLE sisbridge_reconcile_run (
    run_id          NVARCHAR(64)   NOT NULL,
    mis_code        NVARCHAR(16)   NOT NULL,
    status          NVARCHAR(16)   NOT NULL,
    students        BIGINT      NOT NULL,
    started_at      DATETIME2(3)   NOT NULL,
    finished_at     DATETIME2(3),
    updated_at      DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_sisbridge_reconcile_run PRIMARY KEY (run_id)
);

-- outcome: AGREE, DIFFERS, SHARED_CCCID, UNKNOWN_UPSTREAM or REJECTED (reason says why); no names, e-mails
-- or birth dates are kept here, only the identifiers Admissions & Records need to look the student up.
CREATE TABLE cccid_reconcile (
    run_id          NVARCHAR(64)   NOT NULL,
    mis_code        NVARCHAR(16)   NOT NULL,
    local_id        NVARCHAR(64)   NOT NULL,
    sis_ccc_id      NVARCHAR(64),
    upstream_ccc_id NVARCHAR(20),
    outcome         NVARCHAR(16)   NOT NULL,
    matched_on      NVARCHAR(200),
    reason          NVARCHAR(1000),
    batch_id        NVARCHAR(64)   NOT NULL,
    checked_at      DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_cccid_reconcile PRIMARY KEY (run_id, mis_code, local_id)
);

CREATE INDEX ix_cccid_reconcile_checked ON cccid_reconcile (checked_at);

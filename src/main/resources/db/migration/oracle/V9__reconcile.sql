-- Reconciliation (issue 15 section 4): the students the SIS already lists with a CCCID, checked against
-- upstream in match-only batches. One run per MIS code at a time: a run left RUNNING by a crash is resumed
-- under its own id, and the primary key (run_id, mis_code, local_id) keeps one outcome per student per run.
CREATE TABLE sisbridge_reconcile_run (
    run_id          VARCHAR2(64 CHAR)   NOT NULL,
    mis_code        VARCHAR2(16 CHAR)   NOT NULL,
    status          VARCHAR2(16 CHAR)   NOT NULL,
    students        NUMBER(19)      NOT NULL,
    started_at      TIMESTAMP(3)   NOT NULL,
    finished_at     TIMESTAMP(3),
    updated_at      TIMESTAMP(3)   NOT NULL,
    CONSTRAINT pk_sisbridge_reconcile_run PRIMARY KEY (run_id)
);

-- outcome: AGREE, DIFFERS, SHARED_CCCID, UNKNOWN_UPSTREAM or REJECTED (reason says why); no names, e-mails
-- or birth dates are kept here, only the identifiers Admissions & Records need to look the student up.
CREATE TABLE cccid_reconcile (
    run_id          VARCHAR2(64 CHAR)   NOT NULL,
    mis_code        VARCHAR2(16 CHAR)   NOT NULL,
    local_id        VARCHAR2(64 CHAR)   NOT NULL,
    sis_ccc_id      VARCHAR2(64 CHAR),
    upstream_ccc_id VARCHAR2(20 CHAR),
    outcome         VARCHAR2(16 CHAR)   NOT NULL,
    matched_on      VARCHAR2(200 CHAR),
    reason          VARCHAR2(1000 CHAR),
    batch_id        VARCHAR2(64 CHAR)   NOT NULL,
    checked_at      TIMESTAMP(3)   NOT NULL,
    CONSTRAINT pk_cccid_reconcile PRIMARY KEY (run_id, mis_code, local_id)
);

CREATE INDEX ix_cccid_reconcile_checked ON cccid_reconcile (checked_at);

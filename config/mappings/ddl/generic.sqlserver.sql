-- sisbridge staging tables for SQL Server, mapping 'generic' (generic.yaml)
-- Printed by: sisbridge migrate --print --database sqlserver
-- Every table and index the enabled flows need, and the agent's own tables of the source query,
-- reconciliation, the digest and the report listing (needed once one of them is turned on): 15 table(s).
-- Review it, run it as a user allowed to create tables, then run the agent with
-- sisbridge.staging.manage-schema=false; `sisbridge check` says whether the tables fit.
-- Text lengths follow the data dictionary; a column with a conversion (yes-no, upper-case,
-- format:) holds the text the agent writes there. The keys are what exactly-once rests on.

CREATE TABLE idme_status_event (
    mis_code                    NVARCHAR(3) NOT NULL,
    event_id                    NVARCHAR(32) NOT NULL,
    event_type                  NVARCHAR(50) NOT NULL,
    event_timestamp             DATETIME2(3) NOT NULL,
    ccc_id                      NVARCHAR(9) NOT NULL,
    first_name                  NVARCHAR(100),
    previous_first_name         NVARCHAR(100),
    last_name                   NVARCHAR(100),
    previous_last_name          NVARCHAR(100),
    email                       NVARCHAR(256),
    previous_email              NVARCHAR(256),
    idme_status                 NVARCHAR(50) NOT NULL,
    previous_idme_status        NVARCHAR(50),
    idme_confirmation_timestamp DATETIME2(3),
    event_payload               NVARCHAR(2000) NOT NULL,
    transition_valid            BIT NOT NULL,
    received_at                 DATETIME2(3) NOT NULL,
    CONSTRAINT pk_idme_status_event PRIMARY KEY (event_id, mis_code)
);
CREATE INDEX ix_idme_status_event_1 ON idme_status_event (ccc_id);

CREATE TABLE idme_status_change (
    mis_code                                      NVARCHAR(3) NOT NULL,
    row_key                                       NVARCHAR(80) NOT NULL,
    ccc_id                                        NVARCHAR(8) NOT NULL,
    latest_app_id                                 BIGINT NOT NULL,
    latest_app_tstmp_submit                       DATETIME2(3) NOT NULL,
    latest_app_idme_workflow_status               NVARCHAR(16),
    latest_app_idme_optin_timestamp               DATETIME2(3),
    latest_app_idme_confirmation_timestamp        DATETIME2(3),
    current_idme_workflow_status                  NVARCHAR(16),
    current_idme_optin_timestamp                  DATETIME2(3),
    current_idme_confirmation_timestamp           DATETIME2(3),
    current_idme_workflow_status_change_timestamp DATETIME2(3),
    transition_valid                              BIT NOT NULL,
    report_id                                     NVARCHAR(100) NOT NULL,
    line_number                                   BIGINT NOT NULL,
    loaded_at                                     DATETIME2(3) NOT NULL,
    CONSTRAINT pk_idme_status_change PRIMARY KEY (row_key, mis_code)
);
CREATE INDEX ix_idme_status_change_1 ON idme_status_change (ccc_id);

CREATE TABLE sisbridge_report_load (
    report_id     NVARCHAR(100) NOT NULL,
    sha256        NVARCHAR(64) NOT NULL,
    mis_code      NVARCHAR(3),
    period        NVARCHAR(16),
    period_start  DATE,
    period_end    DATE,
    source        NVARCHAR(16) NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    loaded_at     DATETIME2(3) NOT NULL,
    CONSTRAINT pk_sisbridge_report_load PRIMARY KEY (report_id, sha256)
);
CREATE INDEX ix_sisbridge_report_load_1 ON sisbridge_report_load (sha256);

CREATE TABLE cccid_request (
    request_id    BIGINT IDENTITY(1,1) NOT NULL,
    mis_code      NVARCHAR(3) NOT NULL,
    local_id      NVARCHAR(64) NOT NULL,
    first_name    NVARCHAR(200),
    middle_name   NVARCHAR(200),
    last_name     NVARCHAR(200),
    birth_date    DATE,
    email         NVARCHAR(256),
    phone         NVARCHAR(32),
    postal_code   NVARCHAR(16),
    status        NVARCHAR(16) DEFAULT 'PENDING' NOT NULL,
    reason_code   NVARCHAR(40),
    status_reason NVARCHAR(1000),
    attempts      BIGINT DEFAULT 0 NOT NULL,
    batch_id      NVARCHAR(64),
    source        NVARCHAR(300) DEFAULT 'sis' NOT NULL,
    source_line   BIGINT,
    created_at    DATETIME2(3) DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at    DATETIME2(3) DEFAULT CURRENT_TIMESTAMP NOT NULL,
    CONSTRAINT pk_cccid_request PRIMARY KEY (request_id)
);
CREATE INDEX ix_cccid_request_1 ON cccid_request (mis_code, status, request_id);
CREATE INDEX ix_cccid_request_2 ON cccid_request (batch_id);
CREATE INDEX ix_cccid_request_3 ON cccid_request (source, status);
CREATE INDEX ix_cccid_request_4 ON cccid_request (mis_code, local_id, request_id);

CREATE TABLE cccid_batch (
    batch_id      NVARCHAR(64) NOT NULL,
    mis_code      NVARCHAR(3) NOT NULL,
    status        NVARCHAR(16) NOT NULL,
    job_id        NVARCHAR(100),
    student_count BIGINT NOT NULL,
    attempts      BIGINT DEFAULT 0 NOT NULL,
    last_error    NVARCHAR(1000),
    created_at    DATETIME2(3) NOT NULL,
    updated_at    DATETIME2(3) NOT NULL,
    CONSTRAINT pk_cccid_batch PRIMARY KEY (batch_id)
);
CREATE INDEX ix_cccid_batch_1 ON cccid_batch (mis_code, status);

CREATE TABLE cccid_result (
    request_id          BIGINT NOT NULL,
    mis_code            NVARCHAR(3) NOT NULL,
    local_id            NVARCHAR(64) NOT NULL,
    outcome             NVARCHAR(16) NOT NULL,
    ccc_id              NVARCHAR(9),
    matched_on          NVARCHAR(200),
    errors              NVARCHAR(4000),
    batch_id            NVARCHAR(64) NOT NULL,
    job_id              NVARCHAR(100) NOT NULL,
    received_at         DATETIME2(3) NOT NULL,
    write_back_status   NVARCHAR(16),
    write_back_attempts BIGINT,
    write_back_error    NVARCHAR(1000),
    write_back_at       DATETIME2(3),
    CONSTRAINT pk_cccid_result PRIMARY KEY (request_id)
);
CREATE INDEX ix_cccid_result_1 ON cccid_result (mis_code, local_id);
CREATE INDEX ix_cccid_result_2 ON cccid_result (mis_code, write_back_status);

CREATE TABLE cccid_roster_file (
    source             NVARCHAR(300) NOT NULL,
    file_name          NVARCHAR(255) NOT NULL,
    row_count          BIGINT NOT NULL,
    unreadable_lines   BIGINT NOT NULL,
    loaded_at          DATETIME2(3) NOT NULL,
    results_written_at DATETIME2(3),
    results_file       NVARCHAR(255),
    encoding           NVARCHAR(40),
    CONSTRAINT pk_cccid_roster_file PRIMARY KEY (source)
);

CREATE TABLE sisbridge_reject (
    reject_id   BIGINT IDENTITY(1,1) NOT NULL,
    source      NVARCHAR(64) NOT NULL,
    record_key  NVARCHAR(200) NOT NULL,
    reason_code NVARCHAR(40) NOT NULL,
    reason      NVARCHAR(1000) NOT NULL,
    raw_input   NVARCHAR(MAX) NOT NULL,
    rejected_at DATETIME2(3) NOT NULL,
    source_ref  NVARCHAR(200),
    line_number BIGINT,
    CONSTRAINT pk_sisbridge_reject PRIMARY KEY (reject_id),
    CONSTRAINT uq_sisbridge_reject_1 UNIQUE (record_key, source)
);
CREATE INDEX ix_sisbridge_reject_1 ON sisbridge_reject (source, reason_code);

CREATE TABLE sisbridge_checkpoint (
    flow         NVARCHAR(64) NOT NULL,
    scope        NVARCHAR(64) NOT NULL,
    cursor_value NVARCHAR(1000),
    updated_at   DATETIME2(3) NOT NULL,
    CONSTRAINT pk_sisbridge_checkpoint PRIMARY KEY (flow, scope)
);

CREATE TABLE sisbridge_flow_run (
    flow            NVARCHAR(64) NOT NULL,
    scope           NVARCHAR(200) NOT NULL,
    last_success_at DATETIME2(3),
    received        BIGINT,
    stored          BIGINT,
    duplicates      BIGINT,
    rejected        BIGINT,
    last_failure_at DATETIME2(3),
    last_failure    NVARCHAR(1000),
    updated_at      DATETIME2(3) NOT NULL,
    CONSTRAINT pk_sisbridge_flow_run PRIMARY KEY (flow, scope)
);

CREATE TABLE cccid_source_student (
    mis_code      NVARCHAR(3)   NOT NULL,
    local_id      NVARCHAR(64)   NOT NULL,
    fingerprint   NVARCHAR(64)   NOT NULL,
    updated_at    DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_cccid_source_student PRIMARY KEY (mis_code, local_id)
);

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

CREATE TABLE sisbridge_digest (
    digest_day      DATE           NOT NULL,
    state           NVARCHAR(16)   NOT NULL,
    message_id      NVARCHAR(200)  NOT NULL,
    attempts        INT            NOT NULL,
    created_at      DATETIME2(3)   NOT NULL,
    sent_at         DATETIME2(3),
    last_failure_at DATETIME2(3),
    last_failure    NVARCHAR(1000),
    CONSTRAINT pk_sisbridge_digest PRIMARY KEY (digest_day)
);

CREATE TABLE sisbridge_report_offer (
    mis_code    NVARCHAR(3)    NOT NULL,
    report_id   NVARCHAR(100)  NOT NULL,
    sha256      NCHAR(64)      NOT NULL,
    period_end  DATE,
    offered_at  DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_sisbridge_report_offer PRIMARY KEY (mis_code, report_id, sha256)
);

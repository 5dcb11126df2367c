-- sisbridge staging tables for MariaDB/MySQL, mapping 'generic' (generic.yaml)
-- Printed by: sisbridge migrate --print --database mariadb
-- Every table and index the enabled flows need, and the agent's own tables of the source query,
-- reconciliation, the digest and the report listing (needed once one of them is turned on): 15 table(s).
-- Review it, run it as a user allowed to create tables, then run the agent with
-- sisbridge.staging.manage-schema=false; `sisbridge check` says whether the tables fit.
-- Text lengths follow the data dictionary; a column with a conversion (yes-no, upper-case,
-- format:) holds the text the agent writes there. The keys are what exactly-once rests on.

CREATE TABLE idme_status_event (
    mis_code                    VARCHAR(3) NOT NULL,
    event_id                    VARCHAR(32) NOT NULL,
    event_type                  VARCHAR(50) NOT NULL,
    event_timestamp             DATETIME(3) NOT NULL,
    ccc_id                      VARCHAR(9) NOT NULL,
    first_name                  VARCHAR(100),
    previous_first_name         VARCHAR(100),
    last_name                   VARCHAR(100),
    previous_last_name          VARCHAR(100),
    email                       VARCHAR(256),
    previous_email              VARCHAR(256),
    idme_status                 VARCHAR(50) NOT NULL,
    previous_idme_status        VARCHAR(50),
    idme_confirmation_timestamp DATETIME(3),
    event_payload               VARCHAR(2000) NOT NULL,
    transition_valid            BOOLEAN NOT NULL,
    received_at                 DATETIME(3) NOT NULL,
    CONSTRAINT pk_idme_status_event PRIMARY KEY (event_id, mis_code)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_idme_status_event_1 ON idme_status_event (ccc_id);

CREATE TABLE idme_status_change (
    mis_code                                      VARCHAR(3) NOT NULL,
    row_key                                       VARCHAR(80) NOT NULL,
    ccc_id                                        VARCHAR(8) NOT NULL,
    latest_app_id                                 BIGINT NOT NULL,
    latest_app_tstmp_submit                       DATETIME(3) NOT NULL,
    latest_app_idme_workflow_status               VARCHAR(16),
    latest_app_idme_optin_timestamp               DATETIME(3),
    latest_app_idme_confirmation_timestamp        DATETIME(3),
    current_idme_workflow_status                  VARCHAR(16),
    current_idme_optin_timestamp                  DATETIME(3),
    current_idme_confirmation_timestamp           DATETIME(3),
    current_idme_workflow_status_change_timestamp DATETIME(3),
    transition_valid                              BOOLEAN NOT NULL,
    report_id                                     VARCHAR(100) NOT NULL,
    line_number                                   BIGINT NOT NULL,
    loaded_at                                     DATETIME(3) NOT NULL,
    CONSTRAINT pk_idme_status_change PRIMARY KEY (row_key, mis_code)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_idme_status_change_1 ON idme_status_change (ccc_id);

CREATE TABLE sisbridge_report_load (
    report_id     VARCHAR(100) NOT NULL,
    sha256        VARCHAR(64) NOT NULL,
    mis_code      VARCHAR(3),
    period        VARCHAR(16),
    period_start  DATE,
    period_end    DATE,
    source        VARCHAR(16) NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    loaded_at     DATETIME(3) NOT NULL,
    CONSTRAINT pk_sisbridge_report_load PRIMARY KEY (report_id, sha256)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_sisbridge_report_load_1 ON sisbridge_report_load (sha256);

CREATE TABLE cccid_request (
    request_id    BIGINT AUTO_INCREMENT NOT NULL,
    mis_code      VARCHAR(3) NOT NULL,
    local_id      VARCHAR(64) NOT NULL,
    first_name    VARCHAR(100),
    middle_name   VARCHAR(100),
    last_name     VARCHAR(100),
    birth_date    DATE,
    email         VARCHAR(256),
    phone         VARCHAR(32),
    postal_code   VARCHAR(16),
    status        VARCHAR(16) DEFAULT 'PENDING' NOT NULL,
    reason_code   VARCHAR(40),
    status_reason VARCHAR(1000),
    attempts      BIGINT DEFAULT 0 NOT NULL,
    batch_id      VARCHAR(64),
    source        VARCHAR(300) DEFAULT 'sis' NOT NULL,
    source_line   BIGINT,
    created_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    updated_at    DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    CONSTRAINT pk_cccid_request PRIMARY KEY (request_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_request_1 ON cccid_request (mis_code, status, request_id);
CREATE INDEX ix_cccid_request_2 ON cccid_request (batch_id);
CREATE INDEX ix_cccid_request_3 ON cccid_request (source, status);
CREATE INDEX ix_cccid_request_4 ON cccid_request (mis_code, local_id, request_id);

CREATE TABLE cccid_batch (
    batch_id      VARCHAR(64) NOT NULL,
    mis_code      VARCHAR(3) NOT NULL,
    status        VARCHAR(16) NOT NULL,
    job_id        VARCHAR(100),
    student_count BIGINT NOT NULL,
    attempts      BIGINT DEFAULT 0 NOT NULL,
    last_error    VARCHAR(1000),
    created_at    DATETIME(3) NOT NULL,
    updated_at    DATETIME(3) NOT NULL,
    CONSTRAINT pk_cccid_batch PRIMARY KEY (batch_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_batch_1 ON cccid_batch (mis_code, status);

CREATE TABLE cccid_result (
    request_id          BIGINT NOT NULL,
    mis_code            VARCHAR(3) NOT NULL,
    local_id            VARCHAR(64) NOT NULL,
    outcome             VARCHAR(16) NOT NULL,
    ccc_id              VARCHAR(9),
    matched_on          VARCHAR(200),
    errors              VARCHAR(4000),
    batch_id            VARCHAR(64) NOT NULL,
    job_id              VARCHAR(100) NOT NULL,
    received_at         DATETIME(3) NOT NULL,
    write_back_status   VARCHAR(16),
    write_back_attempts BIGINT,
    write_back_error    VARCHAR(1000),
    write_back_at       DATETIME(3),
    CONSTRAINT pk_cccid_result PRIMARY KEY (request_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_result_1 ON cccid_result (mis_code, local_id);
CREATE INDEX ix_cccid_result_2 ON cccid_result (mis_code, write_back_status);

CREATE TABLE cccid_roster_file (
    source             VARCHAR(300) NOT NULL,
    file_name          VARCHAR(255) NOT NULL,
    row_count          BIGINT NOT NULL,
    unreadable_lines   BIGINT NOT NULL,
    loaded_at          DATETIME(3) NOT NULL,
    results_written_at DATETIME(3),
    results_file       VARCHAR(255),
    encoding           VARCHAR(40),
    CONSTRAINT pk_cccid_roster_file PRIMARY KEY (source)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE sisbridge_reject (
    reject_id   BIGINT AUTO_INCREMENT NOT NULL,
    source      VARCHAR(64) NOT NULL,
    record_key  VARCHAR(200) NOT NULL,
    reason_code VARCHAR(40) NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    raw_input   MEDIUMTEXT NOT NULL,
    rejected_at DATETIME(3) NOT NULL,
    source_ref  VARCHAR(200),
    line_number BIGINT,
    CONSTRAINT pk_sisbridge_reject PRIMARY KEY (reject_id),
    CONSTRAINT uq_sisbridge_reject_1 UNIQUE (record_key, source)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_sisbridge_reject_1 ON sisbridge_reject (source, reason_code);

CREATE TABLE sisbridge_checkpoint (
    flow         VARCHAR(64) NOT NULL,
    scope        VARCHAR(64) NOT NULL,
    cursor_value VARCHAR(1000),
    updated_at   DATETIME(3) NOT NULL,
    CONSTRAINT pk_sisbridge_checkpoint PRIMARY KEY (flow, scope)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE sisbridge_flow_run (
    flow            VARCHAR(64) NOT NULL,
    scope           VARCHAR(200) NOT NULL,
    last_success_at DATETIME(3),
    received        BIGINT,
    stored          BIGINT,
    duplicates      BIGINT,
    rejected        BIGINT,
    last_failure_at DATETIME(3),
    last_failure    VARCHAR(1000),
    updated_at      DATETIME(3) NOT NULL,
    CONSTRAINT pk_sisbridge_flow_run PRIMARY KEY (flow, scope)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE cccid_source_student (
    mis_code      VARCHAR(3)   NOT NULL,
    local_id      VARCHAR(64)   NOT NULL,
    fingerprint   VARCHAR(64)   NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (mis_code, local_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE sisbridge_reconcile_run (
    run_id          VARCHAR(64)   NOT NULL,
    mis_code        VARCHAR(16)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    students        BIGINT      NOT NULL,
    started_at      DATETIME(3)   NOT NULL,
    finished_at     DATETIME(3),
    updated_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (run_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE cccid_reconcile (
    run_id          VARCHAR(64)   NOT NULL,
    mis_code        VARCHAR(16)   NOT NULL,
    local_id        VARCHAR(64)   NOT NULL,
    sis_ccc_id      VARCHAR(64),
    upstream_ccc_id VARCHAR(20),
    outcome         VARCHAR(16)   NOT NULL,
    matched_on      VARCHAR(200),
    reason          VARCHAR(1000),
    batch_id        VARCHAR(64)   NOT NULL,
    checked_at      DATETIME(3)   NOT NULL,
    PRIMARY KEY (run_id, mis_code, local_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_reconcile_checked ON cccid_reconcile (checked_at);

CREATE TABLE sisbridge_digest (
    digest_day      DATE          NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    message_id      VARCHAR(200)  NOT NULL,
    attempts        INTEGER       NOT NULL,
    created_at      DATETIME(3)   NOT NULL,
    sent_at         DATETIME(3),
    last_failure_at DATETIME(3),
    last_failure    VARCHAR(1000),
    PRIMARY KEY (digest_day)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

CREATE TABLE sisbridge_report_offer (
    mis_code    VARCHAR(3)   NOT NULL,
    report_id   VARCHAR(100) NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    period_end  DATE,
    offered_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (mis_code, report_id, sha256)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

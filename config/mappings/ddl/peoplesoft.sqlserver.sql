-- sisbridge staging tables for SQL Server, mapping 'peoplesoft' (peoplesoft.yaml)
-- Printed by: sisbridge migrate --print --database sqlserver
-- Every table and index the enabled flows need, and the agent's own tables of the source query,
-- reconciliation, the digest and the report listing (needed once one of them is turned on): 15 table(s).
-- Review it, run it as a user allowed to create tables, then run the agent with
-- sisbridge.staging.manage-schema=false; `sisbridge check` says whether the tables fit.
-- Text lengths follow the data dictionary; a column with a conversion (yes-no, upper-case,
-- format:) holds the text the agent writes there. The keys are what exactly-once rests on.

CREATE TABLE CCTC_EVENT_STG (
    INSTITUTION        NVARCHAR(3) NOT NULL,
    CCTC_EVENT_ID      NVARCHAR(32) NOT NULL,
    CCTC_EVENT_TYPE    NVARCHAR(50) NOT NULL,
    CCTC_EVENT_DTTM    DATETIME2(3) NOT NULL,
    CCTC_CCCID         NVARCHAR(9) NOT NULL,
    FIRST_NAME         NVARCHAR(100),
    PREV_FIRST_NAME    NVARCHAR(100),
    LAST_NAME          NVARCHAR(100),
    PREV_LAST_NAME     NVARCHAR(100),
    EMAIL_ADDR         NVARCHAR(256),
    PREV_EMAIL_ADDR    NVARCHAR(256),
    IDME_STATUS        NVARCHAR(50) NOT NULL,
    PREV_IDME_STATUS   NVARCHAR(50),
    IDME_CONFIRM_DTTM  DATETIME2(3),
    CCTC_EVENT_PAYLOAD NVARCHAR(2000) NOT NULL,
    TRANSITION_VALID   NVARCHAR(1) NOT NULL,
    RECEIVED_DTTM_TXT  NVARCHAR(26) NOT NULL,
    STATUS_FLAG        NVARCHAR(30),
    LASTUPDOPRID       NVARCHAR(30),
    CONSTRAINT PK_CCTC_EVENT_STG PRIMARY KEY (CCTC_EVENT_ID, INSTITUTION)
);
CREATE INDEX IX_CCTC_EVENT_STG_1 ON CCTC_EVENT_STG (CCTC_CCCID);

CREATE TABLE CCTC_IDME_CHANGE_STG (
    INSTITUTION            NVARCHAR(3) NOT NULL,
    CCTC_ROW_KEY           NVARCHAR(80) NOT NULL,
    CCTC_CCCID             NVARCHAR(8) NOT NULL,
    CCTC_APP_ID            BIGINT NOT NULL,
    APP_SUBMIT_DTTM        DATETIME2(3) NOT NULL,
    PREV_IDME_STATUS       NVARCHAR(16),
    PREV_IDME_OPTIN_DTTM   DATETIME2(3),
    PREV_IDME_CONFIRM_DTTM DATETIME2(3),
    IDME_STATUS            NVARCHAR(16),
    IDME_OPTIN_DTTM        DATETIME2(3),
    IDME_CONFIRM_DTTM      DATETIME2(3),
    IDME_STATUS_DTTM       DATETIME2(3),
    TRANSITION_VALID       NVARCHAR(1) NOT NULL,
    CCTC_REPORT_ID         NVARCHAR(100) NOT NULL,
    CCTC_LINE_NBR          BIGINT NOT NULL,
    LOADED_DTTM_TXT        NVARCHAR(26) NOT NULL,
    STATUS_FLAG            NVARCHAR(30),
    LASTUPDOPRID           NVARCHAR(30),
    CONSTRAINT PK_CCTC_IDME_CHANGE_STG PRIMARY KEY (CCTC_ROW_KEY, INSTITUTION)
);
CREATE INDEX IX_CCTC_IDME_CHANGE_STG_1 ON CCTC_IDME_CHANGE_STG (CCTC_CCCID);

CREATE TABLE CCTC_IDME_RPT_LOAD (
    CCTC_REPORT_ID  NVARCHAR(100) NOT NULL,
    CCTC_SHA256     NVARCHAR(64) NOT NULL,
    INSTITUTION     NVARCHAR(3),
    CCTC_PERIOD     NVARCHAR(16),
    BEGIN_DT        DATE,
    END_DT_TXT      NVARCHAR(8),
    CCTC_SOURCE     NVARCHAR(16) NOT NULL,
    ROWS_LOADED     BIGINT NOT NULL,
    ROWS_REJECTED   BIGINT NOT NULL,
    LOADED_DTTM_TXT NVARCHAR(26) NOT NULL,
    LASTUPDOPRID    NVARCHAR(30),
    CONSTRAINT PK_CCTC_IDME_RPT_LOAD PRIMARY KEY (CCTC_REPORT_ID, CCTC_SHA256)
);
CREATE INDEX IX_CCTC_IDME_RPT_LOAD_1 ON CCTC_IDME_RPT_LOAD (CCTC_SHA256);

CREATE TABLE CCTC_CCCID_REQ_STG (
    CCTC_REQUEST_NBR   BIGINT IDENTITY(1,1) NOT NULL,
    INSTITUTION        NVARCHAR(3) NOT NULL,
    EMPLID             NVARCHAR(64) NOT NULL,
    FIRST_NAME         NVARCHAR(200),
    MIDDLE_NAME        NVARCHAR(200),
    LAST_NAME          NVARCHAR(200),
    BIRTHDATE          DATE,
    EMAIL_ADDR         NVARCHAR(256),
    PHONE              NVARCHAR(32),
    POSTAL             NVARCHAR(16),
    CCTC_REQ_STATUS    NVARCHAR(16) DEFAULT 'PENDING' NOT NULL,
    CCTC_REASON_CD     NVARCHAR(40),
    CCTC_STATUS_REASON NVARCHAR(1000),
    CCTC_ATTEMPTS      BIGINT DEFAULT 0 NOT NULL,
    CCTC_BATCH_ID      NVARCHAR(64),
    CCTC_SOURCE        NVARCHAR(300) DEFAULT 'sis' NOT NULL,
    CCTC_SOURCE_LINE   BIGINT,
    CREATED_DTTM       DATETIME2(3) DEFAULT CURRENT_TIMESTAMP NOT NULL,
    LASTUPDDTTM        DATETIME2(3) DEFAULT CURRENT_TIMESTAMP NOT NULL,
    LASTUPDOPRID       NVARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_REQ_STG PRIMARY KEY (CCTC_REQUEST_NBR)
);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_1 ON CCTC_CCCID_REQ_STG (INSTITUTION, CCTC_REQ_STATUS, CCTC_REQUEST_NBR);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_2 ON CCTC_CCCID_REQ_STG (CCTC_BATCH_ID);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_3 ON CCTC_CCCID_REQ_STG (CCTC_SOURCE, CCTC_REQ_STATUS);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_4 ON CCTC_CCCID_REQ_STG (INSTITUTION, EMPLID, CCTC_REQUEST_NBR);

CREATE TABLE CCTC_CCCID_BAT_STG (
    CCTC_BATCH_ID     NVARCHAR(64) NOT NULL,
    INSTITUTION       NVARCHAR(3) NOT NULL,
    CCTC_BATCH_STATUS NVARCHAR(16) NOT NULL,
    CCTC_JOB_ID       NVARCHAR(100),
    CCTC_STUDENT_CNT  BIGINT NOT NULL,
    CCTC_ATTEMPTS     BIGINT DEFAULT 0 NOT NULL,
    CCTC_LAST_ERROR   NVARCHAR(1000),
    CREATED_DTTM      DATETIME2(3) NOT NULL,
    LASTUPDDTTM       DATETIME2(3) NOT NULL,
    LASTUPDOPRID      NVARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_BAT_STG PRIMARY KEY (CCTC_BATCH_ID)
);
CREATE INDEX IX_CCTC_CCCID_BAT_STG_1 ON CCTC_CCCID_BAT_STG (INSTITUTION, CCTC_BATCH_STATUS);

CREATE TABLE CCTC_CCCID_RSLT_STG (
    CCTC_REQUEST_NBR  BIGINT NOT NULL,
    INSTITUTION       NVARCHAR(3) NOT NULL,
    EMPLID            NVARCHAR(64) NOT NULL,
    CCTC_OUTCOME      NVARCHAR(16) NOT NULL,
    CCTC_CCCID        NVARCHAR(9),
    CCTC_MATCHED_ON   NVARCHAR(200),
    CCTC_ERRORS       NVARCHAR(4000),
    CCTC_BATCH_ID     NVARCHAR(64) NOT NULL,
    CCTC_JOB_ID       NVARCHAR(100) NOT NULL,
    RECEIVED_DTTM_TXT NVARCHAR(26) NOT NULL,
    CCTC_WB_STATUS    NVARCHAR(16),
    CCTC_WB_ATTEMPTS  BIGINT,
    CCTC_WB_ERROR     NVARCHAR(1000),
    CCTC_WB_DTTM      DATETIME2(3),
    STATUS_FLAG       NVARCHAR(30),
    LASTUPDOPRID      NVARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_RSLT_STG PRIMARY KEY (CCTC_REQUEST_NBR)
);
CREATE INDEX IX_CCTC_CCCID_RSLT_STG_1 ON CCTC_CCCID_RSLT_STG (INSTITUTION, EMPLID);
CREATE INDEX IX_CCTC_CCCID_RSLT_STG_2 ON CCTC_CCCID_RSLT_STG (INSTITUTION, CCTC_WB_STATUS);

CREATE TABLE CCTC_CCCID_FILE_STG (
    CCTC_SOURCE         NVARCHAR(300) NOT NULL,
    CCTC_FILE_NAME      NVARCHAR(255) NOT NULL,
    CCTC_ROW_CNT        BIGINT NOT NULL,
    CCTC_UNREADABLE_CNT BIGINT NOT NULL,
    LOADED_DTTM         DATETIME2(3) NOT NULL,
    RESULTS_DTTM        DATETIME2(3),
    CCTC_RESULTS_FILE   NVARCHAR(255),
    CCTC_ENCODING       NVARCHAR(40),
    LASTUPDOPRID        NVARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_FILE_STG PRIMARY KEY (CCTC_SOURCE)
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

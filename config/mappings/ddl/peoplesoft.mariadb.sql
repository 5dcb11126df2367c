-- sisbridge staging tables for MariaDB/MySQL, mapping 'peoplesoft' (peoplesoft.yaml)
-- Printed by: sisbridge migrate --print --database mariadb
-- Every table and index the enabled flows need, and the agent's own tables of the source query,
-- reconciliation, the digest and the report listing (needed once one of them is turned on): 15 table(s).
-- Review it, run it as a user allowed to create tables, then run the agent with
-- sisbridge.staging.manage-schema=false; `sisbridge check` says whether the tables fit.
-- Text lengths follow the data dictionary; a column with a conversion (yes-no, upper-case,
-- format:) holds the text the agent writes there. The keys are what exactly-once rests on.

CREATE TABLE CCTC_EVENT_STG (
    INSTITUTION        VARCHAR(3) NOT NULL,
    CCTC_EVENT_ID      VARCHAR(32) NOT NULL,
    CCTC_EVENT_TYPE    VARCHAR(50) NOT NULL,
    CCTC_EVENT_DTTM    DATETIME(3) NOT NULL,
    CCTC_CCCID         VARCHAR(9) NOT NULL,
    FIRST_NAME         VARCHAR(100),
    PREV_FIRST_NAME    VARCHAR(100),
    LAST_NAME          VARCHAR(100),
    PREV_LAST_NAME     VARCHAR(100),
    EMAIL_ADDR         VARCHAR(256),
    PREV_EMAIL_ADDR    VARCHAR(256),
    IDME_STATUS        VARCHAR(50) NOT NULL,
    PREV_IDME_STATUS   VARCHAR(50),
    IDME_CONFIRM_DTTM  DATETIME(3),
    CCTC_EVENT_PAYLOAD VARCHAR(2000) NOT NULL,
    TRANSITION_VALID   VARCHAR(1) NOT NULL,
    RECEIVED_DTTM_TXT  VARCHAR(26) NOT NULL,
    STATUS_FLAG        VARCHAR(30),
    LASTUPDOPRID       VARCHAR(30),
    CONSTRAINT PK_CCTC_EVENT_STG PRIMARY KEY (CCTC_EVENT_ID, INSTITUTION)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX IX_CCTC_EVENT_STG_1 ON CCTC_EVENT_STG (CCTC_CCCID);

CREATE TABLE CCTC_IDME_CHANGE_STG (
    INSTITUTION            VARCHAR(3) NOT NULL,
    CCTC_ROW_KEY           VARCHAR(80) NOT NULL,
    CCTC_CCCID             VARCHAR(8) NOT NULL,
    CCTC_APP_ID            BIGINT NOT NULL,
    APP_SUBMIT_DTTM        DATETIME(3) NOT NULL,
    PREV_IDME_STATUS       VARCHAR(16),
    PREV_IDME_OPTIN_DTTM   DATETIME(3),
    PREV_IDME_CONFIRM_DTTM DATETIME(3),
    IDME_STATUS            VARCHAR(16),
    IDME_OPTIN_DTTM        DATETIME(3),
    IDME_CONFIRM_DTTM      DATETIME(3),
    IDME_STATUS_DTTM       DATETIME(3),
    TRANSITION_VALID       VARCHAR(1) NOT NULL,
    CCTC_REPORT_ID         VARCHAR(100) NOT NULL,
    CCTC_LINE_NBR          BIGINT NOT NULL,
    LOADED_DTTM_TXT        VARCHAR(26) NOT NULL,
    STATUS_FLAG            VARCHAR(30),
    LASTUPDOPRID           VARCHAR(30),
    CONSTRAINT PK_CCTC_IDME_CHANGE_STG PRIMARY KEY (CCTC_ROW_KEY, INSTITUTION)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX IX_CCTC_IDME_CHANGE_STG_1 ON CCTC_IDME_CHANGE_STG (CCTC_CCCID);

CREATE TABLE CCTC_IDME_RPT_LOAD (
    CCTC_REPORT_ID  VARCHAR(100) NOT NULL,
    CCTC_SHA256     VARCHAR(64) NOT NULL,
    INSTITUTION     VARCHAR(3),
    CCTC_PERIOD     VARCHAR(16),
    BEGIN_DT        DATE,
    END_DT_TXT      VARCHAR(8),
    CCTC_SOURCE     VARCHAR(16) NOT NULL,
    ROWS_LOADED     BIGINT NOT NULL,
    ROWS_REJECTED   BIGINT NOT NULL,
    LOADED_DTTM_TXT VARCHAR(26) NOT NULL,
    LASTUPDOPRID    VARCHAR(30),
    CONSTRAINT PK_CCTC_IDME_RPT_LOAD PRIMARY KEY (CCTC_REPORT_ID, CCTC_SHA256)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX IX_CCTC_IDME_RPT_LOAD_1 ON CCTC_IDME_RPT_LOAD (CCTC_SHA256);

CREATE TABLE CCTC_CCCID_REQ_STG (
    CCTC_REQUEST_NBR   BIGINT AUTO_INCREMENT NOT NULL,
    INSTITUTION        VARCHAR(3) NOT NULL,
    EMPLID             VARCHAR(64) NOT NULL,
    FIRST_NAME         VARCHAR(100),
    MIDDLE_NAME        VARCHAR(100),
    LAST_NAME          VARCHAR(100),
    BIRTHDATE          DATE,
    EMAIL_ADDR         VARCHAR(256),
    PHONE              VARCHAR(32),
    POSTAL             VARCHAR(16),
    CCTC_REQ_STATUS    VARCHAR(16) DEFAULT 'PENDING' NOT NULL,
    CCTC_REASON_CD     VARCHAR(40),
    CCTC_STATUS_REASON VARCHAR(1000),
    CCTC_ATTEMPTS      BIGINT DEFAULT 0 NOT NULL,
    CCTC_BATCH_ID      VARCHAR(64),
    CCTC_SOURCE        VARCHAR(300) DEFAULT 'sis' NOT NULL,
    CCTC_SOURCE_LINE   BIGINT,
    CREATED_DTTM       DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    LASTUPDDTTM        DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    LASTUPDOPRID       VARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_REQ_STG PRIMARY KEY (CCTC_REQUEST_NBR)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX IX_CCTC_CCCID_REQ_STG_1 ON CCTC_CCCID_REQ_STG (INSTITUTION, CCTC_REQ_STATUS, CCTC_REQUEST_NBR);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_2 ON CCTC_CCCID_REQ_STG (CCTC_BATCH_ID);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_3 ON CCTC_CCCID_REQ_STG (CCTC_SOURCE, CCTC_REQ_STATUS);
CREATE INDEX IX_CCTC_CCCID_REQ_STG_4 ON CCTC_CCCID_REQ_STG (INSTITUTION, EMPLID, CCTC_REQUEST_NBR);

CREATE TABLE CCTC_CCCID_BAT_STG (
    CCTC_BATCH_ID     VARCHAR(64) NOT NULL,
    INSTITUTION       VARCHAR(3) NOT NULL,
    CCTC_BATCH_STATUS VARCHAR(16) NOT NULL,
    CCTC_JOB_ID       VARCHAR(100),
    CCTC_STUDENT_CNT  BIGINT NOT NULL,
    CCTC_ATTEMPTS     BIGINT DEFAULT 0 NOT NULL,
    CCTC_LAST_ERROR   VARCHAR(1000),
    CREATED_DTTM      DATETIME(3) NOT NULL,
    LASTUPDDTTM       DATETIME(3) NOT NULL,
    LASTUPDOPRID      VARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_BAT_STG PRIMARY KEY (CCTC_BATCH_ID)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX IX_CCTC_CCCID_BAT_STG_1 ON CCTC_CCCID_BAT_STG (INSTITUTION, CCTC_BATCH_STATUS);

CREATE TABLE CCTC_CCCID_RSLT_STG (
    CCTC_REQUEST_NBR  BIGINT NOT NULL,
    INSTITUTION       VARCHAR(3) NOT NULL,
    EMPLID            VARCHAR(64) NOT NULL,
    CCTC_OUTCOME      VARCHAR(16) NOT NULL,
    CCTC_CCCID        VARCHAR(9),
    CCTC_MATCHED_ON   VARCHAR(200),
    CCTC_ERRORS       VARCHAR(4000),
    CCTC_BATCH_ID     VARCHAR(64) NOT NULL,
    CCTC_JOB_ID       VARCHAR(100) NOT NULL,
    RECEIVED_DTTM_TXT VARCHAR(26) NOT NULL,
    CCTC_WB_STATUS    VARCHAR(16),
    CCTC_WB_ATTEMPTS  BIGINT,
    CCTC_WB_ERROR     VARCHAR(1000),
    CCTC_WB_DTTM      DATETIME(3),
    STATUS_FLAG       VARCHAR(30),
    LASTUPDOPRID      VARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_RSLT_STG PRIMARY KEY (CCTC_REQUEST_NBR)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX IX_CCTC_CCCID_RSLT_STG_1 ON CCTC_CCCID_RSLT_STG (INSTITUTION, EMPLID);
CREATE INDEX IX_CCTC_CCCID_RSLT_STG_2 ON CCTC_CCCID_RSLT_STG (INSTITUTION, CCTC_WB_STATUS);

CREATE TABLE CCTC_CCCID_FILE_STG (
    CCTC_SOURCE         VARCHAR(300) NOT NULL,
    CCTC_FILE_NAME      VARCHAR(255) NOT NULL,
    CCTC_ROW_CNT        BIGINT NOT NULL,
    CCTC_UNREADABLE_CNT BIGINT NOT NULL,
    LOADED_DTTM         DATETIME(3) NOT NULL,
    RESULTS_DTTM        DATETIME(3),
    CCTC_RESULTS_FILE   VARCHAR(255),
    CCTC_ENCODING       VARCHAR(40),
    LASTUPDOPRID        VARCHAR(30),
    CONSTRAINT PK_CCTC_CCCID_FILE_STG PRIMARY KEY (CCTC_SOURCE)
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

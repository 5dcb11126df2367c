-- Staging table for the ID.me status change reports, and the load table that records each report
-- loaded (in the same transaction as the report's last rows). Timestamps are UTC wall-clock time (DATETIME(3): no time-zone conversion).
-- Never edit a released migration: add a new version.

-- One row per status change. Natural key: mis_code, ccc_id, latest_app_id and the change timestamp;
-- row_key spells the last three as one text (ccc_id|latest_app_id|change timestamp) so that a row
-- whose change timestamp is empty still has a key (its current status stands in, see the README).
CREATE TABLE idme_status_change (
    mis_code                                      VARCHAR(3)   NOT NULL,
    row_key                                       VARCHAR(80)  NOT NULL,
    ccc_id                                        VARCHAR(8)   NOT NULL,
    latest_app_id                                 BIGINT       NOT NULL,
    latest_app_tstmp_submit                       DATETIME(3) NOT NULL,
    latest_app_idme_workflow_status               VARCHAR(16),
    latest_app_idme_optin_timestamp               DATETIME(3),
    latest_app_idme_confirmation_timestamp        DATETIME(3),
    current_idme_workflow_status                  VARCHAR(16),
    current_idme_optin_timestamp                  DATETIME(3),
    current_idme_confirmation_timestamp           DATETIME(3),
    current_idme_workflow_status_change_timestamp DATETIME(3),
    transition_valid                              BOOLEAN      NOT NULL,
    report_id                                     VARCHAR(100) NOT NULL,
    line_number                                   BIGINT       NOT NULL,
    loaded_at                                     DATETIME(3) NOT NULL,
    -- filled by the college's own SIS jobs, never by the agent
    sis_processed_flag                            CHAR(1),
    sis_processed_at                              DATETIME(3),
    sis_notes                                     VARCHAR(2000),
    -- row_key first: the duplicate check looks up a chunk of keys at once (row_key IN (...))
    CONSTRAINT pk_idme_status_change PRIMARY KEY (row_key, mis_code)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_idme_status_change_unprocessed ON idme_status_change (sis_processed_flag, loaded_at);
CREATE INDEX ix_idme_status_change_ccc_id ON idme_status_change (ccc_id);

-- One row per report version loaded: a report id with a new sha256 is a new version.
CREATE TABLE sisbridge_report_load (
    report_id     VARCHAR(100) NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    mis_code      VARCHAR(3),
    period        VARCHAR(16),
    period_start  DATE,
    period_end    DATE,
    source        VARCHAR(16)  NOT NULL,
    rows_loaded   BIGINT       NOT NULL,
    rows_rejected BIGINT       NOT NULL,
    loaded_at     DATETIME(3) NOT NULL,
    CONSTRAINT pk_sisbridge_report_load PRIMARY KEY (report_id, sha256)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_sisbridge_report_load_sha256 ON sisbridge_report_load (sha256);

-- Oracle port of the H2 migration of the same version: VARCHAR2 in characters, TIMESTAMP(3), NUMBER.
-- Staging table for the ID.me status change reports, and the load table that records each report
-- loaded (in the same transaction as the report's last rows). Timestamps are UTC wall-clock time.
-- Never edit a released migration: add a new version.

-- One row per status change. Natural key: mis_code, ccc_id, latest_app_id and the change timestamp;
-- row_key spells the last three as one text (ccc_id|latest_app_id|change timestamp) so that a row
-- whose change timestamp is empty still has a key (its current status stands in, see the README).
CREATE TABLE idme_status_change (
    mis_code                                      VARCHAR2(3 CHAR)   NOT NULL,
    row_key                                       VARCHAR2(80 CHAR)  NOT NULL,
    ccc_id                                        VARCHAR2(8 CHAR)   NOT NULL,
    latest_app_id                                 NUMBER(19)       NOT NULL,
    latest_app_tstmp_submit                       TIMESTAMP(3)    NOT NULL,
    latest_app_idme_workflow_status               VARCHAR2(16 CHAR),
    latest_app_idme_optin_timestamp               TIMESTAMP(3),
    latest_app_idme_confirmation_timestamp        TIMESTAMP(3),
    current_idme_workflow_status                  VARCHAR2(16 CHAR),
    current_idme_optin_timestamp                  TIMESTAMP(3),
    current_idme_confirmation_timestamp           TIMESTAMP(3),
    current_idme_workflow_status_change_timestamp TIMESTAMP(3),
    transition_valid                              NUMBER(1)      NOT NULL,
    report_id                                     VARCHAR2(100 CHAR) NOT NULL,
    line_number                                   NUMBER(19)       NOT NULL,
    loaded_at                                     TIMESTAMP(3)    NOT NULL,
    -- filled by the college's own SIS jobs, never by the agent
    sis_processed_flag                            CHAR(1 CHAR),
    sis_processed_at                              TIMESTAMP(3),
    sis_notes                                     VARCHAR2(2000 CHAR),
    -- row_key first: the duplicate check looks up a chunk of keys at once (row_key IN (...))
    CONSTRAINT pk_idme_status_change PRIMARY KEY (row_key, mis_code)
);
CREATE INDEX ix_idme_change_unprocessed ON idme_status_change (sis_processed_flag, loaded_at);
CREATE INDEX ix_idme_status_change_ccc_id ON idme_status_change (ccc_id);

-- One row per report version loaded: a report id with a new sha256 is a new version.
CREATE TABLE sisbridge_report_load (
    report_id     VARCHAR2(100 CHAR) NOT NULL,
    sha256        CHAR(64 CHAR)     NOT NULL,
    mis_code      VARCHAR2(3 CHAR),
    period        VARCHAR2(16 CHAR),
    period_start  DATE,
    period_end    DATE,
    source        VARCHAR2(16 CHAR)  NOT NULL,
    rows_loaded   NUMBER(19)       NOT NULL,
    rows_rejected NUMBER(19)       NOT NULL,
    loaded_at     TIMESTAMP(3)    NOT NULL,
    CONSTRAINT pk_sisbridge_report_load PRIMARY KEY (report_id, sha256)
);
CREATE INDEX ix_sisbridge_report_load_sha256 ON sisbridge_report_load (sha256);

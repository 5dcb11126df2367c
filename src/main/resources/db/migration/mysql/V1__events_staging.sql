-- Staging tables for the ID.me status change events feed, and the agent's own bookkeeping.
-- Timestamps are UTC wall-clock time (DATETIME(3): no time-zone conversion, no 2038 limit).
-- Binary collation: keys such as event_id compare case-sensitively, as on the other databases.
-- Never edit a released migration: add a new version.

CREATE TABLE idme_status_event (
    mis_code                    VARCHAR(3)    NOT NULL,
    event_id                    VARCHAR(32)   NOT NULL,
    event_type                  VARCHAR(50)   NOT NULL,
    event_timestamp             DATETIME(3)     NOT NULL,
    ccc_id                      VARCHAR(9)    NOT NULL,
    first_name                  VARCHAR(100),
    previous_first_name         VARCHAR(100),
    last_name                   VARCHAR(100),
    previous_last_name          VARCHAR(100),
    email                       VARCHAR(256),
    previous_email              VARCHAR(256),
    idme_status                 VARCHAR(50)   NOT NULL,
    previous_idme_status        VARCHAR(50),
    idme_confirmation_timestamp DATETIME(3),
    event_payload               VARCHAR(2000) NOT NULL,
    transition_valid            BOOLEAN       NOT NULL,
    received_at                 DATETIME(3)     NOT NULL,
    -- filled by the college's own SIS jobs, never by the agent
    sis_event_id                VARCHAR(64),
    sis_processed_flag          CHAR(1),
    sis_processed_at            DATETIME(3),
    sis_notes                   VARCHAR(2000),
    -- event_id first: the duplicate check looks up a page of ids at once (event_id IN (...))
    CONSTRAINT pk_idme_status_event PRIMARY KEY (event_id, mis_code)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_idme_status_event_unprocessed ON idme_status_event (sis_processed_flag, received_at);
CREATE INDEX ix_idme_status_event_ccc_id ON idme_status_event (ccc_id);

CREATE TABLE sisbridge_reject (
    reject_id   BIGINT AUTO_INCREMENT PRIMARY KEY,
    source      VARCHAR(64)   NOT NULL,
    record_key  VARCHAR(200)  NOT NULL,
    reason_code VARCHAR(40)   NOT NULL,
    reason      VARCHAR(1000) NOT NULL,
    raw_input   MEDIUMTEXT          NOT NULL,
    rejected_at DATETIME(3)     NOT NULL,
    CONSTRAINT uq_sisbridge_reject UNIQUE (record_key, source)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_sisbridge_reject_reason ON sisbridge_reject (source, reason_code);

CREATE TABLE sisbridge_checkpoint (
    flow         VARCHAR(64)   NOT NULL,
    scope        VARCHAR(64)   NOT NULL,
    cursor_value VARCHAR(1000),
    updated_at   DATETIME(3)     NOT NULL,
    CONSTRAINT pk_sisbridge_checkpoint PRIMARY KEY (flow, scope)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- Staging tables for the ID.me status change events feed, and the agent's own bookkeeping (SQL Server).
-- Timestamps are UTC wall-clock time (DATETIME2(3)). Text is NVARCHAR: names carry accents.
-- Never edit a released migration: add a new version.

CREATE TABLE idme_status_event (
    mis_code                    NVARCHAR(3)    NOT NULL,
    event_id                    NVARCHAR(32)   NOT NULL,
    event_type                  NVARCHAR(50)   NOT NULL,
    event_timestamp             DATETIME2(3)   NOT NULL,
    ccc_id                      NVARCHAR(9)    NOT NULL,
    first_name                  NVARCHAR(100),
    previous_first_name         NVARCHAR(100),
    last_name                   NVARCHAR(100),
    previous_last_name          NVARCHAR(100),
    email                       NVARCHAR(256),
    previous_email              NVARCHAR(256),
    idme_status                 NVARCHAR(50)   NOT NULL,
    previous_idme_status        NVARCHAR(50),
    idme_confirmation_timestamp DATETIME2(3),
    event_payload               NVARCHAR(2000) NOT NULL,
    transition_valid            BIT            NOT NULL,
    received_at                 DATETIME2(3)   NOT NULL,
    -- filled by the college's own SIS jobs, never by the agent
    sis_event_id                NVARCHAR(64),
    sis_processed_flag          NCHAR(1),
    sis_processed_at            DATETIME2(3),
    sis_notes                   NVARCHAR(2000),
    -- event_id first: the duplicate check looks up a page of ids at once (event_id IN (...))
    CONSTRAINT pk_idme_status_event PRIMARY KEY (event_id, mis_code)
);
CREATE INDEX ix_idme_status_event_unprocessed ON idme_status_event (sis_processed_flag, received_at);
CREATE INDEX ix_idme_status_event_ccc_id ON idme_status_event (ccc_id);

CREATE TABLE sisbridge_reject (
    reject_id   BIGINT IDENTITY(1,1) PRIMARY KEY,
    source      NVARCHAR(64)   NOT NULL,
    record_key  NVARCHAR(200)  NOT NULL,
    reason_code NVARCHAR(40)   NOT NULL,
    reason      NVARCHAR(1000) NOT NULL,
    raw_input   NVARCHAR(MAX)  NOT NULL,
    rejected_at DATETIME2(3)   NOT NULL,
    CONSTRAINT uq_sisbridge_reject UNIQUE (record_key, source)
);
CREATE INDEX ix_sisbridge_reject_reason ON sisbridge_reject (source, reason_code);

CREATE TABLE sisbridge_checkpoint (
    flow         NVARCHAR(64)   NOT NULL,
    scope        NVARCHAR(64)   NOT NULL,
    cursor_value NVARCHAR(1000),
    updated_at   DATETIME2(3)   NOT NULL,
    CONSTRAINT pk_sisbridge_checkpoint PRIMARY KEY (flow, scope)
);

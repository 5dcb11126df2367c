-- Bulk CCCID creation (roster push): the outbox the SIS fills, the batches the agent sends, the
-- results that come back, and the roster files dropped by staff. Timestamps are UTC wall-clock time (DATETIME(3)).
-- Never edit a released migration: add a new version.

-- The outbox. The SIS (or a dropped roster file) inserts PENDING rows; the agent moves them to
-- SENT (in a batch), then DONE (a CCCID came back), REJECTED (a field is wrong: see status_reason)
-- or ERROR (upstream failed the job max-attempts times). The SIS fills only the student columns.
CREATE TABLE cccid_request (
    request_id    BIGINT AUTO_INCREMENT PRIMARY KEY,
    mis_code      VARCHAR(3)    NOT NULL,
    local_id      VARCHAR(64)   NOT NULL,
    first_name    VARCHAR(100),
    middle_name   VARCHAR(100),
    last_name     VARCHAR(100),
    birth_date    DATE,
    email         VARCHAR(256),
    phone         VARCHAR(32),
    postal_code   VARCHAR(16),
    status        VARCHAR(16)   DEFAULT 'PENDING' NOT NULL,
    reason_code   VARCHAR(40),
    status_reason VARCHAR(1000),
    attempts      INT           DEFAULT 0 NOT NULL,
    batch_id      VARCHAR(64),
    source        VARCHAR(300)  DEFAULT 'sis' NOT NULL,
    source_line   BIGINT,
    created_at    DATETIME(3)   DEFAULT CURRENT_TIMESTAMP(3) NOT NULL,
    updated_at    DATETIME(3)   DEFAULT CURRENT_TIMESTAMP(3) NOT NULL
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_request_status ON cccid_request (mis_code, status, request_id);
CREATE INDEX ix_cccid_request_batch ON cccid_request (batch_id);
CREATE INDEX ix_cccid_request_source ON cccid_request (source, status);

-- One row per batch sent: batch_id is also the Idempotency-Key, recorded before the POST.
CREATE TABLE cccid_batch (
    batch_id      VARCHAR(64)   NOT NULL,
    mis_code      VARCHAR(3)    NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    job_id        VARCHAR(100),
    student_count INT           NOT NULL,
    attempts      INT           DEFAULT 0 NOT NULL,
    last_error    VARCHAR(1000),
    created_at    DATETIME(3)  NOT NULL,
    updated_at    DATETIME(3)  NOT NULL,
    CONSTRAINT pk_cccid_batch PRIMARY KEY (batch_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_batch_open ON cccid_batch (mis_code, status);

-- One row per student whose batch completed: the CCCID (new or existing) or the field errors.
CREATE TABLE cccid_result (
    result_id     BIGINT AUTO_INCREMENT PRIMARY KEY,
    request_id    BIGINT        NOT NULL,
    mis_code      VARCHAR(3)    NOT NULL,
    local_id      VARCHAR(64)   NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    ccc_id        VARCHAR(9),
    matched_on    VARCHAR(200),
    errors        VARCHAR(4000),
    batch_id      VARCHAR(64)   NOT NULL,
    job_id        VARCHAR(100)  NOT NULL,
    received_at   DATETIME(3)  NOT NULL,
    -- filled by the college's own SIS jobs, never by the agent
    sis_processed_flag CHAR(1),
    sis_processed_at   DATETIME(3),
    CONSTRAINT uq_cccid_result_request UNIQUE (request_id)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;
CREATE INDEX ix_cccid_result_local ON cccid_result (mis_code, local_id);

-- Roster files dropped by staff: loaded once (source = file name + sha256), and when every row
-- is settled, the results file written to the roster outbox folder.
CREATE TABLE cccid_roster_file (
    source             VARCHAR(300) NOT NULL,
    file_name          VARCHAR(255) NOT NULL,
    row_count          BIGINT       NOT NULL,
    unreadable_lines   BIGINT       NOT NULL,
    loaded_at          DATETIME(3) NOT NULL,
    results_written_at DATETIME(3),
    results_file       VARCHAR(255),
    CONSTRAINT pk_cccid_roster_file PRIMARY KEY (source)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

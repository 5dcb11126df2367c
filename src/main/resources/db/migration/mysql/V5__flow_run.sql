-- The last batch of every flow and scope (a MIS code, a report source, a roster batch's college):
-- when it last succeeded, with its counts, and when and why it last failed. Read by the status
-- command and the status page; written after each batch commits, never needed for correctness.
CREATE TABLE sisbridge_flow_run (
    flow            VARCHAR(64)   NOT NULL,
    scope           VARCHAR(200)  NOT NULL,
    last_success_at DATETIME(3),
    received        BIGINT,
    stored          BIGINT,
    duplicates      BIGINT,
    rejected        BIGINT,
    last_failure_at DATETIME(3),
    last_failure    VARCHAR(1000),
    updated_at      DATETIME(3)   NOT NULL,
    CONSTRAINT pk_sisbridge_flow_run PRIMARY KEY (flow, scope)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The last batch of every flow and scope (a MIS code, a report source, a roster batch's college):
-- when it last succeeded, with its counts, and when and why it last failed. Read by the status
-- command and the status page; written after each batch commits, never needed for correctness.
CREATE TABLE sisbridge_flow_run (
    flow            VARCHAR(64)   NOT NULL,
    scope           VARCHAR(200)  NOT NULL,
    last_success_at TIMESTAMP,
    received        BIGINT,
    stored          BIGINT,
    duplicates      BIGINT,
    rejected        BIGINT,
    last_failure_at TIMESTAMP,
    last_failure    VARCHAR(1000),
    updated_at      TIMESTAMP     NOT NULL,
    CONSTRAINT pk_sisbridge_flow_run PRIMARY KEY (flow, scope)
);

-- The last batch of every flow and scope (a MIS code, a report source, a roster batch's college):
-- when it last succeeded, with its counts, and when and why it last failed. Read by the status
-- command and the status page; written after each batch commits, never needed for correctness.
CREATE TABLE sisbridge_flow_run (
    flow            VARCHAR2(64 CHAR)   NOT NULL,
    scope           VARCHAR2(200 CHAR)  NOT NULL,
    last_success_at TIMESTAMP(3),
    received        NUMBER(19),
    stored          NUMBER(19),
    duplicates      NUMBER(19),
    rejected        NUMBER(19),
    last_failure_at TIMESTAMP(3),
    last_failure    VARCHAR2(1000 CHAR),
    updated_at      TIMESTAMP(3)  NOT NULL,
    CONSTRAINT pk_sisbridge_flow_run PRIMARY KEY (flow, scope)
);

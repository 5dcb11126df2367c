-- One row per day a daily digest e-mail is due: PENDING until the SMTP relay accepted it, then SENT,
-- moved only by compare-and-set so that two agents or a retry after a failed relay never send a day twice.
-- message_id is derived from the day, so a copy sent again after a crash between the relay and the mark
-- is recognisable by the recipients' mail clients. Timestamps are UTC wall-clock time.
-- Never edit a released migration: add a new version.
CREATE TABLE sisbridge_digest (
    digest_day      DATE          NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    message_id      VARCHAR(200)  NOT NULL,
    attempts        INTEGER       NOT NULL,
    created_at      TIMESTAMP     NOT NULL,
    sent_at         TIMESTAMP,
    last_failure_at TIMESTAMP,
    last_failure    VARCHAR(1000),
    CONSTRAINT pk_sisbridge_digest PRIMARY KEY (digest_day)
);

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
    created_at      DATETIME(3)   NOT NULL,
    sent_at         DATETIME(3),
    last_failure_at DATETIME(3),
    last_failure    VARCHAR(1000),
    PRIMARY KEY (digest_day)
) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin;

-- The reports the last listing of each MIS code offered that were not loaded yet. The next listing is
-- asked from the oldest of them, however far before the latest loaded period (less lookback-days) it
-- lies, so that a report whose load failed (a cut connection mid-backfill) is asked for again after a
-- restart too. Replaced by each listing; never needed for a report's rows to be exactly once (the load
-- table is). Timestamps are UTC wall-clock time.
-- Never edit a released migration: add a new version.
CREATE TABLE sisbridge_report_offer (
    mis_code    VARCHAR(3)   NOT NULL,
    report_id   VARCHAR(100) NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    period_end  DATE,
    offered_at  TIMESTAMP    NOT NULL,
    CONSTRAINT pk_sisbridge_report_offer PRIMARY KEY (mis_code, report_id, sha256)
);

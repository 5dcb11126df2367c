-- Write-back of each CCCID into the SIS (sisbridge.roster.write-back.*): its state per result, so a
-- write-back that failed is retried on the next run and the CCCID is never lost. NULL: no write-back
-- (a REJECTED result, write-back off, or a result received before V8). PENDING: to be written
-- (write_back_error says why the last attempt failed), DONE: written (write_back_at), FAILED: gave up
-- after sisbridge.roster.write-back.max-attempts (the status page and `status` show it).
ALTER TABLE cccid_result ADD COLUMN write_back_status VARCHAR(16),
    ADD COLUMN write_back_attempts INT,
    ADD COLUMN write_back_error VARCHAR(1000),
    ADD COLUMN write_back_at DATETIME(3);
CREATE INDEX ix_cccid_result_write_back ON cccid_result (mis_code, write_back_status);

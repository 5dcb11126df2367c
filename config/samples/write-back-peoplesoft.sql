-- Write-back sample for PeopleSoft Campus Solutions (sisbridge.roster.write-back.sql-file = config/samples/write-back-peoplesoft.sql).
-- Records the CCCID as the student's external system id CCC, effective today. Runs once per CREATED or
-- EXISTING result, in the transaction that records the result; the values are bound, never spliced.
-- The row's key (EMPLID, EXTERNAL_SYSTEM, EFFDT) refuses a second CCC row the same day: that refusal is
-- shown on the status page and the write-back retried, then left FAILED (docs/flows.md).
-- SQL Server: write CAST(GETDATE() AS DATE) for CURRENT_DATE; Oracle: TRUNC(SYSDATE).
INSERT INTO PS_EXTERNAL_SYSTEM (EMPLID, EXTERNAL_SYSTEM, EFFDT, EXTERNAL_SYSTEM_ID)
VALUES (:local_id, 'CCC', CURRENT_DATE, :ccc_id)

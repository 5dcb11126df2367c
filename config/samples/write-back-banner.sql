-- Write-back sample for a Banner SIS (sisbridge.roster.write-back.sql-file = config/samples/write-back-banner.sql).
-- Adds the CCCID as an additional identifier (GORADID, code CCID) of the person whose current SPRIDEN
-- row holds the outbox's local id. Runs once per CREATED or EXISTING result, in the transaction that
-- records the result; the values are bound, never spliced. NOT EXISTS keeps a CCCID from being added
-- twice if a DBA re-queues a write-back by hand. Check the code, user and origin with your Banner team.
INSERT INTO GORADID (GORADID_PIDM, GORADID_ADDITIONAL_ID, GORADID_ADID_CODE, GORADID_USER_ID, GORADID_ACTIVITY_DATE,
                     GORADID_DATA_ORIGIN)
SELECT SPRIDEN_PIDM, :ccc_id, 'CCID', 'SISBRIDGE', CURRENT_TIMESTAMP, 'SISBRIDGE'
  FROM SPRIDEN
 WHERE SPRIDEN_ID = :local_id
   AND SPRIDEN_CHANGE_IND IS NULL
   AND NOT EXISTS (SELECT 1 FROM GORADID G
                    WHERE G.GORADID_PIDM = SPRIDEN_PIDM AND G.GORADID_ADID_CODE = 'CCID' AND G.GORADID_ADDITIONAL_ID = :ccc_id)

-- Reconciliation query for a Banner-like SIS (sisbridge.reconcile.sql-file): the current SPRIDEN row of
-- every person with a CCCID kept as an additional id (GORADID, code CCID), with birth date (SPBPERS) and
-- preferred e-mail (GOREMAL). Adjust the id code and the e-mail choice to the college's own use.
-- ORDER BY local_id for a run by hand; the agent reads pages by local_id and leaves this one out.
SELECT s.SPRIDEN_ID AS local_id,
       g.GORADID_ADDITIONAL_ID AS ccc_id,
       s.SPRIDEN_FIRST_NAME AS first_name,
       s.SPRIDEN_MI AS middle_name,
       s.SPRIDEN_LAST_NAME AS last_name,
       p.SPBPERS_BIRTH_DATE AS birth_date,
       e.GOREMAL_EMAIL_ADDRESS AS email
FROM SPRIDEN s
JOIN GORADID g ON g.GORADID_PIDM = s.SPRIDEN_PIDM AND g.GORADID_ADID_CODE = 'CCID'
LEFT JOIN SPBPERS p ON p.SPBPERS_PIDM = s.SPRIDEN_PIDM
LEFT JOIN GOREMAL e ON e.GOREMAL_PIDM = s.SPRIDEN_PIDM AND e.GOREMAL_PREFERRED_IND = 'Y'
WHERE s.SPRIDEN_CHANGE_IND IS NULL
ORDER BY s.SPRIDEN_ID

-- Reconciliation query for a PeopleSoft-like SIS (sisbridge.reconcile.sql-file): every person of the
-- college's institution with a CCCID kept as an external system id (PS_EXTERNAL_SYSTEM, system CCC),
-- with names and birth date (PS_PERSONAL_DATA) and preferred e-mail (PS_EMAIL_ADDRESSES).
-- :mis_code is the college being reconciled. ORDER BY local_id for a run by hand; the agent reads pages by local_id and leaves this one out.
SELECT d.EMPLID AS local_id,
       x.EXTERNAL_SYSTEM_ID AS ccc_id,
       d.FIRST_NAME AS first_name,
       d.MIDDLE_NAME AS middle_name,
       d.LAST_NAME AS last_name,
       d.BIRTHDATE AS birth_date,
       m.EMAIL_ADDR AS email
FROM PS_PERSONAL_DATA d
JOIN PS_EXTERNAL_SYSTEM x ON x.EMPLID = d.EMPLID AND x.EXTERNAL_SYSTEM = 'CCC'
LEFT JOIN PS_EMAIL_ADDRESSES m ON m.EMPLID = d.EMPLID AND m.PREF_EMAIL_FLAG = 'Y'
WHERE d.INSTITUTION = :mis_code
ORDER BY d.EMPLID

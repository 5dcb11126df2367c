-- Roster source query for a PeopleSoft Campus Solutions-like SIS: a STARTING POINT TO ADAPT, not a finished query.
-- Lists the enrolled students who have no CCCID yet, one row each, with the columns the agent needs
-- (named with AS; any case). :mis_code is bound to each configured MIS code in turn.
-- Adapt: the INSTITUTION and STRM of PS_STDNT_ENRL, the name and address types, the e-mail and phone
-- rules, and the EXTERNAL_SYSTEM your college stores the CCCID under ('CCC' here).
-- Use it with: sisbridge.roster.source.sql-file = config/samples/roster-source-peoplesoft.sql (or a copy).
SELECT CAST(:mis_code AS CHAR(3)) AS mis_code,
       pd.EMPLID                  AS local_id,
       n.FIRST_NAME               AS first_name,
       n.MIDDLE_NAME              AS middle_name,
       n.LAST_NAME                AS last_name,
       pd.BIRTHDATE               AS birth_date,
       e.EMAIL_ADDR               AS email,
       ph.PHONE                   AS phone,
       a.POSTAL                   AS postal_code
  FROM PS_PERSONAL_DATA pd
  -- the primary name as of its latest effective date
  JOIN PS_NAMES n ON n.EMPLID = pd.EMPLID AND n.NAME_TYPE = 'PRI'
                 AND n.EFFDT = (SELECT MAX(n2.EFFDT) FROM PS_NAMES n2 WHERE n2.EMPLID = n.EMPLID AND n2.NAME_TYPE = 'PRI')
  LEFT JOIN PS_EMAIL_ADDRESSES e ON e.EMPLID = pd.EMPLID AND e.PREF_EMAIL_FLAG = 'Y'
  LEFT JOIN PS_PERSONAL_PHONE ph ON ph.EMPLID = pd.EMPLID AND ph.PREF_PHONE_FLAG = 'Y'
  LEFT JOIN PS_ADDRESSES a ON a.EMPLID = pd.EMPLID AND a.ADDRESS_TYPE = 'HOME' AND a.EFF_STATUS = 'A'
                 AND a.EFFDT = (SELECT MAX(a2.EFFDT) FROM PS_ADDRESSES a2 WHERE a2.EMPLID = a.EMPLID AND a2.ADDRESS_TYPE = 'HOME')
 -- enrolled in some class (add INSTITUTION and STRM to limit it to this college and term)
 WHERE EXISTS (SELECT 1 FROM PS_STDNT_ENRL s WHERE s.EMPLID = pd.EMPLID AND s.STDNT_ENRL_STATUS = 'E')
   -- no CCCID yet
   AND NOT EXISTS (SELECT 1 FROM PS_EXTERNAL_SYSTEM x WHERE x.EMPLID = pd.EMPLID AND x.EXTERNAL_SYSTEM = 'CCC')

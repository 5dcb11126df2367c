-- Roster source query for a Banner-like SIS: a STARTING POINT TO ADAPT, not a finished query.
-- Lists the enrolled students who have no CCCID yet, one row each, with the columns the agent needs
-- (named with AS; any case). :mis_code is bound to each configured MIS code in turn.
-- Adapt: the registration status codes and term (SFRSTCR), the address type, the e-mail and phone
-- rules, and the GORADID code your college stores the CCCID under ('CCID' here).
-- Use it with: sisbridge.roster.source.sql-file = config/samples/roster-source-banner.sql (or a copy).
SELECT CAST(:mis_code AS CHAR(3))                     AS mis_code,
       s.SPRIDEN_ID                                   AS local_id,
       s.SPRIDEN_FIRST_NAME                           AS first_name,
       s.SPRIDEN_MI                                   AS middle_name,
       s.SPRIDEN_LAST_NAME                            AS last_name,
       p.SPBPERS_BIRTH_DATE                           AS birth_date,
       e.GOREMAL_EMAIL_ADDRESS                        AS email,
       CONCAT(t.SPRTELE_PHONE_AREA, t.SPRTELE_PHONE_NUMBER) AS phone,
       a.SPRADDR_ZIP                                  AS postal_code
  FROM SPRIDEN s
  JOIN SPBPERS p ON p.SPBPERS_PIDM = s.SPRIDEN_PIDM
  -- one preferred, active e-mail; one primary, active phone; the current mailing address
  LEFT JOIN GOREMAL e ON e.GOREMAL_PIDM = s.SPRIDEN_PIDM AND e.GOREMAL_PREFERRED_IND = 'Y' AND e.GOREMAL_STATUS_IND = 'A'
  LEFT JOIN SPRTELE t ON t.SPRTELE_PIDM = s.SPRIDEN_PIDM AND t.SPRTELE_PRIMARY_IND = 'Y' AND t.SPRTELE_STATUS_IND IS NULL
  LEFT JOIN SPRADDR a ON a.SPRADDR_PIDM = s.SPRIDEN_PIDM AND a.SPRADDR_ATYP_CODE = 'MA'
                     AND a.SPRADDR_STATUS_IND IS NULL AND a.SPRADDR_TO_DATE IS NULL
 WHERE s.SPRIDEN_CHANGE_IND IS NULL          -- the current name and id, not an earlier one
   -- enrolled: registered (RE) or web-registered (RW) in some term; add SFRSTCR_TERM_CODE to limit it
   AND EXISTS (SELECT 1 FROM SFRSTCR r WHERE r.SFRSTCR_PIDM = s.SPRIDEN_PIDM AND r.SFRSTCR_RSTS_CODE IN ('RE', 'RW'))
   -- no CCCID yet
   AND NOT EXISTS (SELECT 1 FROM GORADID g WHERE g.GORADID_PIDM = s.SPRIDEN_PIDM AND g.GORADID_ADID_CODE = 'CCID')

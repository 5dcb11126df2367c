-- Roster source query for an Ellucian Colleague-like SIS (its files as SQL tables, e.g. Colleague on SQL
-- Server or a reporting copy): a STARTING POINT TO ADAPT, not a finished query. The tests run it on
-- simplified copies of these tables, but Colleague's multi-valued fields are laid out differently from
-- site to site: check the table names your SQL layer gives them.
-- Lists the enrolled students who have no CCCID yet, one row each, with the columns the agent needs
-- (named with AS; any case). :mis_code is bound to each configured MIS code in turn.
-- Adapt: the table names your site's SQL layer gives PERSON's multi-valued fields (PEOPLE_EMAIL,
-- PERPHONE, PERSON_ALT_IDS here), the academic credit statuses, and the alternate id type ('CCCID').
-- Use it with: sisbridge.roster.source.sql-file = config/samples/roster-source-colleague.sql (or a copy).
SELECT CAST(:mis_code AS CHAR(3))  AS mis_code,
       p.ID                        AS local_id,
       p.FIRST_NAME                AS first_name,
       p.MIDDLE_NAME               AS middle_name,
       p.LAST_NAME                 AS last_name,
       p.BIRTH_DATE                AS birth_date,
       pe.PERSON_EMAIL_ADDRESSES   AS email,
       pp.PERSONAL_PHONE_NUMBER    AS phone,
       p.ZIP                       AS postal_code
  FROM PERSON p
  JOIN STUDENTS st ON st.STUDENTS_ID = p.ID
  LEFT JOIN PEOPLE_EMAIL pe ON pe.ID = p.ID AND pe.PERSON_PREFERRED_EMAIL = 'Y'
  LEFT JOIN PERPHONE pp ON pp.ID = p.ID AND pp.PERSONAL_PHONE_TYPE = 'HO'
 -- enrolled: active (A) or new (N) academic credit in some term; add STC_TERM to limit it
 WHERE EXISTS (SELECT 1 FROM STUDENT_ACAD_CRED sac WHERE sac.STC_PERSON_ID = p.ID AND sac.STC_CURRENT_STATUS IN ('A', 'N'))
   -- no CCCID yet (PERSON.ALT.IDS with type CCCID)
   AND NOT EXISTS (SELECT 1 FROM PERSON_ALT_IDS ai WHERE ai.ID = p.ID AND ai.PERSON_ALT_ID_TYPES = 'CCCID')

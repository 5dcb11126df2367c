-- Events on-change sample (sisbridge.events.on-change.sql-file = config/samples/events-on-change-flag.sql):
-- for each newly staged ID.me status change to one of sisbridge.events.on-change.statuses (unverified,
-- expired by default), flag the student in an SIS table a registrar's hold process reads. Runs in the
-- transaction that stages the page: if the SIS refuses it, the page is read again on the next poll.
-- Parameters: :ccc_id, :mis_code, :event_id, :event_type, :idme_status, :previous_idme_status,
-- :event_timestamp, :idme_confirmation_timestamp (no names or e-mails).
INSERT INTO SIS_IDME_FLAG (CCC_ID, MIS_CODE, EVENT_ID, IDME_STATUS, PREVIOUS_IDME_STATUS, STATUS_CHANGED_AT)
VALUES (:ccc_id, :mis_code, :event_id, :idme_status, :previous_idme_status, :event_timestamp)

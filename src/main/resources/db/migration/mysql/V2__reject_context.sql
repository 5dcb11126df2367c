-- Where in its source a rejected record was: the report, file or batch it came in (source_ref)
-- and its line there (line_number). Events leave both empty: their record_key says it all.
ALTER TABLE sisbridge_reject ADD COLUMN source_ref VARCHAR(200);
ALTER TABLE sisbridge_reject ADD COLUMN line_number BIGINT;

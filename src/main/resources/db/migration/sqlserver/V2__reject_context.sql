-- Where in its source a rejected record was: the report, file or batch (source_ref) and its line.
ALTER TABLE sisbridge_reject ADD source_ref NVARCHAR(200);
ALTER TABLE sisbridge_reject ADD line_number BIGINT;

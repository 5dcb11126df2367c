-- Where in its source a rejected record was: the report, file or batch (source_ref) and its line.
ALTER TABLE sisbridge_reject ADD (source_ref VARCHAR2(200 CHAR), line_number NUMBER(19));

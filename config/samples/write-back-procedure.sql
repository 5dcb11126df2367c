-- Write-back through the college's own stored procedure (sisbridge.roster.write-back.sql-file =
-- config/samples/write-back-procedure.sql): the procedure decides where the CCCID goes. The agent calls
-- it with bound values once per CREATED or EXISTING result, in the transaction that records the result,
-- so the procedure must not commit or roll back itself. For example, on PostgreSQL:
--   CREATE PROCEDURE sisbridge_write_back(p_mis_code VARCHAR, p_local_id VARCHAR, p_ccc_id VARCHAR,
--                                         p_outcome VARCHAR, p_matched_on VARCHAR)
--   LANGUAGE plpgsql AS $$ BEGIN ... END $$;
-- and on MariaDB / MySQL: CREATE PROCEDURE sisbridge_write_back(IN p_mis_code VARCHAR(3), ...) BEGIN ... END
-- CALL suits PostgreSQL 11+, MariaDB, MySQL and Oracle; on SQL Server write {call sisbridge_write_back(...)}.
CALL sisbridge_write_back(:mis_code, :local_id, :ccc_id, :outcome, :matched_on)

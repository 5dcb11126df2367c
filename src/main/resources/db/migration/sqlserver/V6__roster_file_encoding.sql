-- How each roster file's text was read (UTF-8, UTF-8 BOM, UTF-16LE BOM, windows-1252, ...), so a name that
-- looks wrong can be traced to the encoding the agent found. Empty for files loaded before it was kept.
ALTER TABLE cccid_roster_file ADD encoding NVARCHAR(40);

-- Names are counted in Unicode code points (the contract's rule); NVARCHAR counts UTF-16 units,
-- so a name of 100 code points outside the BMP needs up to 200.
ALTER TABLE cccid_request ALTER COLUMN first_name NVARCHAR(200) NULL;
ALTER TABLE cccid_request ALTER COLUMN middle_name NVARCHAR(200) NULL;
ALTER TABLE cccid_request ALTER COLUMN last_name NVARCHAR(200) NULL;

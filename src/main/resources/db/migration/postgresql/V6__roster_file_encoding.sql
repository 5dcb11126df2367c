-- How each roster file's text was read (UTF-8, UTF-8 BOM, UTF-16LE BOM, windows-1252, ...), so a name that
-- looks wrong can be traced to the encoding the agent found. Empty for files loaded before it was kept.
ALTER TABLE cccid_roster_file ADD COLUMN encoding VARCHAR(40);

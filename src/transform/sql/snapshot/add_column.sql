-- A column the select returns and the snapshot table lacks (older versions hold NULL in it).
ALTER TABLE {target} ADD COLUMN {column} {type}

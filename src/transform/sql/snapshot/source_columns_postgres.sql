-- Columns of a temporary table of this session ($1 = its name): name and DDL type, in order.
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute AS a
WHERE a.attrelid = to_regclass('pg_temp.' || quote_ident($1::text))
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attnum

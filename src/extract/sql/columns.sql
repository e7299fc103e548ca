-- Columns of one table ($1, an unqualified name on the search path) in ordinal order, with
-- their types as PostgreSQL spells them ("character varying(100)", "numeric(10,2)").
SELECT a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a
WHERE a.attrelid = to_regclass(quote_ident($1))
  AND a.attnum > 0
  AND NOT a.attisdropped
ORDER BY a.attnum

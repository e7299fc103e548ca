-- Columns of a temporary table of this connection ($1 = its name): name and DDL type, in order.
SELECT column_name, data_type
FROM duckdb_columns()
WHERE database_name = 'temp' AND table_name = $1
ORDER BY column_index

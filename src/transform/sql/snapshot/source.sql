-- The snapshot's select, evaluated once into a temporary table that every later step reads (on
-- DuckDB only its columns are taken here: the steps read the select itself, in one transaction).
CREATE TEMPORARY TABLE {source} AS
SELECT * FROM (
{sql}
) AS snapshot_query

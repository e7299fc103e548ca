-- The snapshot's select, evaluated once into a temporary table that every later step reads.
CREATE TEMPORARY TABLE {source} AS
SELECT * FROM (
{sql}
) AS snapshot_query

-- Unique key values that the snapshot's select returns more than once, or NULL (at most 5
-- shown): either would make versions ambiguous, so the run stops before writing anything.
SELECT {keys}, count(*) AS n_records
FROM {source} AS snapshot_query
GROUP BY {key_exprs}
HAVING count(*) > 1 OR {any_key_null}
ORDER BY n_records DESC, {key_positions}
LIMIT 5

-- The keys a run may change: new in the select, gone from it, or whose current version differs.
-- Only the keys and the compared columns are read here; the staging step then reads the whole
-- rows of these keys alone, and gives the same rows as over every key (a key outside this list
-- has a current version equal to its row of the select, which makes no change).
CREATE TEMPORARY TABLE {keys} AS
WITH source_rows AS NOT MATERIALIZED (
    SELECT *,
           {source_keys},
           {updated_at} AS hf_updated_at
    FROM {source} AS snapshot_query
),
current_rows AS NOT MATERIALIZED (
    SELECT *,
           {current_keys}
    FROM {target} AS snapshotted
    WHERE {is_current}
)
SELECT DISTINCT {changed_keys}
FROM source_rows AS s
FULL OUTER JOIN current_rows AS c ON {key_join}
WHERE {source_missing} OR {current_missing} OR {changed}

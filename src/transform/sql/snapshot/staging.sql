-- The changes of one run, computed before anything is written. 'insert' rows are new versions
-- (new keys, changed rows, deletion records); 'update' and 'delete' rows close the current
-- version whose scd id they carry, at the valid_to they carry. The CTEs are inlined, not
-- materialized: each branch reads only the columns it needs and hashes only the rows it keeps.
CREATE TEMPORARY TABLE {staging} AS
WITH source_rows AS NOT MATERIALIZED (
    SELECT *,
           {source_keys},
           {updated_at} AS hf_updated_at,
           {scd_id} AS hf_scd_id
    FROM {source} AS snapshot_query
),
current_rows AS NOT MATERIALIZED (
    SELECT *,
           {current_keys}
    FROM {target} AS snapshotted
    WHERE {is_current}
)
SELECT 'insert' AS hf_change_type, {insert_values}
FROM source_rows AS s
LEFT JOIN current_rows AS c ON {key_join}
WHERE c.hf_key_1 IS NULL OR {changed}
UNION ALL
SELECT 'update' AS hf_change_type, {update_values}
FROM source_rows AS s
JOIN current_rows AS c ON {key_join}
WHERE {changed}{hard_deletes}

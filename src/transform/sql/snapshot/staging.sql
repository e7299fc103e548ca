-- The changes of one run, computed before anything is written. 'insert' rows are new versions
-- (new keys, changed rows, deletion records); 'update' and 'delete' rows close the current
-- version whose scd id they carry, at the valid_to they carry. Both sides are restricted to the
-- keys that may change (see changed_keys.sql), each read once.
CREATE TEMPORARY TABLE {staging} AS
WITH source_rows AS MATERIALIZED (
    SELECT snapshot_query.*,
           {updated_at} AS hf_updated_at,
           {scd_id} AS hf_scd_id
    FROM (
        SELECT *,
               {source_keys}
        FROM {source} AS snapshot_query
    ) AS snapshot_query
    JOIN {keys} AS k ON {source_key_match}
),
current_rows AS MATERIALIZED (
    SELECT snapshotted.*
    FROM (
        SELECT *,
               {current_keys}
        FROM {target} AS snapshotted
        WHERE {is_current}
    ) AS snapshotted
    JOIN {keys} AS k ON {current_key_match}
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

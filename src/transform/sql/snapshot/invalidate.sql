
UNION ALL
-- Keys gone from the select: their current version closes at the snapshot time.
SELECT 'delete' AS hf_change_type, {delete_values}
FROM current_rows AS c
WHERE NOT EXISTS (SELECT 1 FROM source_rows AS s WHERE {key_join}){not_deleted}


UNION ALL
-- hard_deletes new_record: a copy of the last version marks the deletion (once per deletion).
SELECT 'insert' AS hf_change_type, {deletion_values}
FROM current_rows AS c
WHERE NOT EXISTS (SELECT 1 FROM source_rows AS s WHERE {key_join}){not_deleted}

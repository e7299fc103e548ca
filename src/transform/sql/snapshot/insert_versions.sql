-- Adds the new versions.
INSERT INTO {target} ({columns})
SELECT {columns}
FROM {staging} AS staging
WHERE staging.hf_change_type = 'insert'

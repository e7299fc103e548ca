-- Closes the current versions that changed or left the select.
UPDATE {target} AS snapshotted
SET {valid_to_col} = staging.{valid_to_col}
FROM {staging} AS staging
WHERE snapshotted.{scd_id_col} = staging.{scd_id_col}
  AND staging.hf_change_type IN ('update', 'delete')
  AND {is_current}

-- First run: every row of the select becomes the current version of its key.
CREATE TABLE {target} AS
SELECT {source_columns},
       {scd_id} AS {scd_id_col},
       {updated_at} AS {updated_at_col},
       {updated_at} AS {valid_from_col},
       coalesce(nullif({updated_at}, {updated_at}), {valid_to_current}) AS {valid_to_col}{is_deleted_column}
FROM {source} AS snapshot_query

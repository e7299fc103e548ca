-- Every row of a table as it is in the batch's snapshot, with the audit columns.
COPY (
    SELECT {columns},
           'U' AS _op,
           {extracted_at} AS _extracted_at,
           {source_system} AS _source_system,
           {batch_id} AS _extraction_batch_id
    FROM {table} AS t
    ORDER BY t.id
) TO STDOUT WITH (FORMAT csv, HEADER)

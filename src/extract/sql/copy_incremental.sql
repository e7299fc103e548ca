-- Rows of a table that changed in the window ({watermark_from}, {watermark_to}], plus one
-- tombstone ('D', only id set) per row deleted in the window that does not exist any more.
-- A row deleted then re-created in the window is sent once, as it is now ('U').
COPY (
    SELECT changes.*,
           {extracted_at} AS _extracted_at,
           {source_system} AS _source_system,
           {batch_id} AS _extraction_batch_id
    FROM (
        SELECT {columns}, 'U' AS _op
        FROM {table} AS t
        WHERE t.date_modification > {watermark_from}::timestamptz
          AND t.date_modification <= {watermark_to}::timestamptz
        UNION ALL
        -- Rows not modified in the window but deleted in it then re-created with an older
        -- date_modification. A separate branch, so that each one can use its index.
        SELECT {columns}, 'U' AS _op
        FROM {table} AS t
        WHERE t.date_modification <= {watermark_from}::timestamptz
          AND t.id IN (SELECT j.ligne_id
                       FROM journal_suppressions AS j
                       WHERE j.nom_table = {table_name}
                         AND j.date_suppression > {watermark_from}::timestamptz
                         AND j.date_suppression <= {watermark_to}::timestamptz)
        UNION ALL
        SELECT {tombstone_columns}, 'D' AS _op
        FROM (SELECT DISTINCT j.ligne_id
              FROM journal_suppressions AS j
              WHERE j.nom_table = {table_name}
                AND j.date_suppression > {watermark_from}::timestamptz
                AND j.date_suppression <= {watermark_to}::timestamptz) AS d
        WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t.id = d.ligne_id)
    ) AS changes
    ORDER BY changes.id
) TO STDOUT WITH (FORMAT csv, HEADER)

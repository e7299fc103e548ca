-- Bookkeeping of `healthflow load` (same text on DuckDB and PostgreSQL).
CREATE SCHEMA IF NOT EXISTS staging;

-- One row per data file loaded; the primary key makes a file (key + content) load once.
CREATE TABLE IF NOT EXISTS staging.load_history (
    file_key      TEXT        NOT NULL,
    sha256        TEXT        NOT NULL,
    batch_id      TEXT        NOT NULL,
    table_name    TEXT        NOT NULL,
    rows_loaded   BIGINT      NOT NULL,
    rows_rejected BIGINT      NOT NULL,
    bytes         BIGINT      NOT NULL,
    loaded_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (file_key, sha256)
);

-- Rows set aside by the loader (COPY INTO ... ON_ERROR = CONTINUE), with the reason.
CREATE TABLE IF NOT EXISTS staging.load_rejects (
    batch_id    TEXT        NOT NULL,
    file_key    TEXT        NOT NULL,
    line_number BIGINT      NOT NULL,
    column_name TEXT,
    raw_line    TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    rejected_at TIMESTAMPTZ NOT NULL
);

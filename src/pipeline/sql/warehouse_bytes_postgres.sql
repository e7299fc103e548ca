-- Size of the PostgreSQL warehouse database on disk.
SELECT pg_database_size(current_database())

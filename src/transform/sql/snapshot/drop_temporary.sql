-- The run's temporary tables (also gone at rollback; dropped here so the connection can run
-- another snapshot).
DROP TABLE IF EXISTS {source};
DROP TABLE IF EXISTS {keys};
DROP TABLE IF EXISTS {staging}

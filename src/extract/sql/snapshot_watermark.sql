-- Upper bound (inclusive) of the batch's change window, run as the first statement of the
-- extraction transaction, so that it takes the snapshot. date_modification and
-- date_suppression are set to now(), the start instant of the writing transaction, which may
-- commit after our snapshot. So the bound is the earliest of: this statement's start and the
-- start of every other transaction open on this database, minus a safety margin ($1 seconds)
-- for what pg_stat_activity cannot show (other users' sessions without pg_read_all_stats).
SELECT to_char(bound AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
FROM (
    SELECT least(
               statement_timestamp(),
               coalesce((SELECT min(xact_start)
                         FROM pg_stat_activity
                         WHERE datname = current_database()
                           AND pid <> pg_backend_pid()
                           AND xact_start IS NOT NULL),
                        statement_timestamp())
           ) - make_interval(secs => $1::double precision) AS bound
) AS w

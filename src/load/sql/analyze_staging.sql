-- PostgreSQL warehouse only: refreshes the planner statistics of a staging table that a load just
-- filled, so that the first transform build does not plan on an empty table's estimates
-- (autovacuum's analyze comes later, if at all). The placeholder is the quoted staging table.
ANALYZE {table}

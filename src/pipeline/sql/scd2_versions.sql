-- Versions of patient records kept by the SCD Type 2 snapshot (current and past).
SELECT count(*) FROM core.dim_patients_scd

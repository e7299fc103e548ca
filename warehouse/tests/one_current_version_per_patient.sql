-- Every patient known now (latest extracted version not a tombstone) has exactly one current
-- version, and no other patient (erased) has one. Reads the raw source, so that the test
-- depends on the dimension only; aggregates instead of joining, so that the plan stays a scan.
with known as (
    select cast(id as integer) as patient_id, 1 as known, 0 as current_version
    from {{ latest_versions(source('healthflow', 'stg_patients')) }} p
),
current_versions as (
    select patient_id, 0 as known, 1 as current_version
    from {{ ref('dim_patients_scd') }}
    where dbt_is_current
)
select patient_id, sum(known) as known, sum(current_version) as current_versions
from (select * from known union all select * from current_versions) versions
group by patient_id
having sum(current_version) <> sum(known)

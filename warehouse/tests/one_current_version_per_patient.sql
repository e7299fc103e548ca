-- Every patient known now (latest extracted version not a tombstone) has exactly one current
-- version; no patient has more than one. Reads the raw source, so that the test depends on the
-- dimension only.
with known as (
    select cast(id as integer) as patient_id
    from {{ latest_versions(source('healthflow', 'stg_patients')) }} p
),
current_versions as (
    select patient_id, count(*) as n
    from {{ ref('dim_patients_scd') }}
    where dbt_is_current
    group by patient_id
)
select k.patient_id, coalesce(c.n, 0) as current_versions
from known k
left join current_versions c on c.patient_id = k.patient_id
where coalesce(c.n, 0) <> 1
union all
select patient_id, n
from current_versions
where n > 1

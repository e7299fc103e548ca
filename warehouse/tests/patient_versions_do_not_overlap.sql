-- The versions of a patient follow each other: each starts where the previous one ends (no gap,
-- no overlap), and only the last one may be open.
with ordered as (
    select
        patient_id,
        numero_version,
        dbt_valid_from,
        dbt_valid_to,
        lead(dbt_valid_from) over (partition by patient_id order by numero_version) as next_from
    from {{ ref('dim_patients_scd') }}
)
select *
from ordered
where (next_from is not null and (dbt_valid_to is null or dbt_valid_to <> next_from))
   or (dbt_valid_to is not null and dbt_valid_to < dbt_valid_from)

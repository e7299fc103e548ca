-- Patient versions without identity: a pseudonym stable across versions, sex, age band at the
-- version's start, mutuelle and the validity window (same keys as core.dim_patients_scd).
select
    patient_key,
    {{ patient_pseudonym('patient_id') }} as patient_pseudo,
    sexe,
    {{ age_band(age_in_years('date_naissance', 'dbt_valid_from')) }} as tranche_age,
    mutuelle,
    dbt_valid_from,
    dbt_valid_to,
    dbt_is_current
from {{ ref('dim_patients_scd') }}

-- Patient versions without identity: a pseudonym stable across versions, sex, age band at the
-- version's start, mutuelle and the validity window (same keys as core.dim_patients_scd).
-- Incremental like core.dim_patients_scd: a build rewrites every version of the patients with a
-- version opened or closed in the snapshot (snapshot_valid_from / snapshot_valid_to, the build
-- clock's instants) since the newest such instant it holds.
{{
    config(
        materialized='incremental',
        unique_key='patient_pseudo',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns'
    )
}}
select
    patient_key,
    {{ patient_pseudonym('patient_id') }} as patient_pseudo,
    sexe,
    {{ age_band(age_in_years('date_naissance', 'dbt_valid_from')) }} as tranche_age,
    mutuelle,
    dbt_valid_from,
    dbt_valid_to,
    dbt_is_current,
    snapshot_valid_from,
    snapshot_valid_to
from {{ ref('dim_patients_scd') }}
{%- if is_incremental() %}
where patient_id in ({{ patients_with_versions_since(ref('dim_patients_scd'), 'snapshot_valid_from', 'snapshot_valid_to') }})
{%- endif %}

-- Patient versions (SCD Type 2) on the hospital's timeline. The snapshot stamps each version with
-- the build's clock (snapshot_valid_from/to); here a version is valid from the hospital instant at
-- which it was first seen (instant_observation), the first version of a patient from their
-- creation, until the next version's start (or, for an erased patient, the hospital instant of
-- the build that saw the erasure). Windows of a patient are contiguous and never overlap.
-- Incremental: a patient's rows depend on their own snapshot rows only (and on the instants of
-- earlier builds), so a build rewrites every version of the patients with a snapshot row opened or
-- closed since the newest snapshot instant it holds.
-- Kept in patient_id order (cluster_by): the patient page looks a patient's versions up by it.
{{
    config(
        materialized='incremental',
        unique_key='patient_id',
        incremental_strategy='delete+insert',
        cluster_by='patient_id',
        on_schema_change='append_new_columns'
    )
}}
with snapshot as (
    select
        s.*,
        row_number() over (partition by patient_id order by dbt_valid_from) as numero_version,
        lead(instant_observation) over (partition by patient_id order by dbt_valid_from) as next_observation
    from {{ ref('patients_scd2') }} s
    {%- if is_incremental() %}
    where s.patient_id in (
        select c.patient_id
        from {{ ref('patients_scd2') }} c
        where c.dbt_valid_from > (select coalesce(max(t.snapshot_valid_from), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }} t)
           or c.dbt_valid_to > (select coalesce(max(t.snapshot_valid_to), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }} t))
    {%- endif %}
),
builds as (
    -- Hospital instant seen by each build that wrote a version (over the whole snapshot).
    select dbt_valid_from as built_at, max(instant_observation) as instant_observation
    from {{ ref('patients_scd2') }}
    group by dbt_valid_from
),
windows as (
    select
        s.*,
        case when s.numero_version = 1
             then least(coalesce(s.date_creation, s.instant_observation), s.instant_observation)
             else s.instant_observation end as valid_from,
        case when s.dbt_valid_to is null then cast(null as timestamp)
             when s.next_observation is not null then s.next_observation
             else greatest(s.instant_observation,
                           coalesce((select max(b.instant_observation) from builds b where b.built_at <= s.dbt_valid_to),
                                    s.instant_observation)) end as valid_to
    from snapshot s
)
select
    md5(cast(patient_id as {{ dbt.type_string() }}) || {{ timestamp_text('valid_from') }}) as patient_key,
    patient_id,
    nom,
    prenom,
    sexe,
    date_naissance,
    adresse,
    mutuelle,
    telephone,
    email,
    dbt_scd_id,
    valid_from as dbt_valid_from,
    valid_to as dbt_valid_to,
    dbt_valid_to is null as dbt_is_current,
    cast(numero_version as integer) as numero_version,
    date_creation,
    dbt_valid_from as snapshot_valid_from,
    dbt_valid_to as snapshot_valid_to
from windows

-- One row per stay, keyed to the dimensions. patient_key is the patient version valid at the
-- entry (point-in-time join on the version windows), not the current one.
-- Incremental: a stay's row depends on the stay and on its patient's versions only. A build
-- rewrites the stays loaded since the newest `_loaded_at` it holds and every stay of the patients
-- whose versions changed since the newest `_versions_at` it holds (the latest snapshot instant of
-- the stay's patient); its pre_hook removes the stays whose tombstone arrived since (erasures).
{{
    config(
        materialized='incremental',
        unique_key='admission_key',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_tombstoned(source('healthflow', 'stg_admissions'), 'admission_key') }}"
    )
}}
with patient_changes as (
    -- Latest snapshot instant (a version opened or closed) of each patient.
    select patient_id, max(coalesce(snapshot_valid_to, snapshot_valid_from)) as versions_at
    from {{ ref('dim_patients_scd') }}
    {%- if is_incremental() %}
    where snapshot_valid_from > (select coalesce(max(t._versions_at), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }} t)
       or snapshot_valid_to > (select coalesce(max(t._versions_at), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }} t)
    {%- endif %}
    group by patient_id
),
stays as (
    select a.*
    from {{ ref('fct_admissions_core') }} a
    {%- if is_incremental() %}
    where a._loaded_at > {{ loaded_watermark() }}
       or a.patient_id in (select patient_id from patient_changes)
    {%- endif %}
),
patient_versions_at as (
    -- The same instant for the patients of the stays rewritten (every patient on a full build).
    select patient_id, max(coalesce(snapshot_valid_to, snapshot_valid_from)) as versions_at
    from {{ ref('dim_patients_scd') }}
    {%- if is_incremental() %}
    where patient_id in (select patient_id from stays)
    {%- endif %}
    group by patient_id
),
versions as (
    -- The first version also covers stays before it was first seen.
    select
        patient_key, patient_id, date_naissance, mutuelle,
        case when numero_version = 1 then cast('1900-01-01 00:00:00' as timestamp) else dbt_valid_from end as join_from,
        coalesce(dbt_valid_to, cast('9999-12-31 00:00:00' as timestamp)) as join_to
    from {{ ref('dim_patients_scd') }}
    {%- if is_incremental() %}
    where patient_id in (select patient_id from stays)
    {%- endif %}
)
select
    a.admission_id as admission_key,
    v.patient_key,
    {{ patient_pseudonym('a.patient_id') }} as patient_pseudo,
    a.service_id as service_key,
    {{ date_key('a.date_entree') }} as date_entree_key,
    case when a.date_sortie is not null then {{ date_key('a.date_sortie') }} end as date_sortie_key,
    {{ time_key('a.date_entree') }} as temps_entree_key,
    a.date_entree,
    a.date_sortie,
    case when a.date_sortie is not null then {{ days_between('a.date_entree', 'a.date_sortie') }} end as duree_sejour,
    case when a.date_sortie is not null then {{ midnights_between('a.date_entree', 'a.date_sortie') }} end as nuitees,
    case when a.date_sortie is not null then {{ midnights_between('a.date_entree', 'a.date_sortie') }} = 0 end as ambulatoire,
    a.cout_total,
    a.score_gravite,
    a.motif,
    a.mode_entree,
    case when a.date_sortie is null then 'EN COURS' else 'TERMINE' end as statut,
    {{ age_band(age_in_years('v.date_naissance', 'a.date_entree')) }} as tranche_age,
    v.mutuelle,
    a._loaded_at,
    pv.versions_at as _versions_at
from stays a
left join versions v
    on v.patient_id = a.patient_id
   and a.date_entree >= v.join_from
   and a.date_entree < v.join_to
left join patient_versions_at pv on pv.patient_id = a.patient_id

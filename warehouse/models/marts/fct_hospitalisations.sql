-- One row per stay, keyed to the dimensions. patient_key is the patient version valid at the
-- entry (point-in-time join on the version windows), not the current one. Each stay also carries
-- the day of the same patient's previous entry, in the hospital and in its service (the cost
-- marts count distinct patients with it).
-- Incremental: a stay's row depends on the stay, on its patient's versions and on the patient's
-- other stays. A build rewrites the stays loaded since the newest `_loaded_at` it holds, every
-- stay of the patients that any version of those stays (or of a stay erased since) names, and
-- every stay of the patients whose versions changed since the newest `_versions_at` it holds (the
-- latest snapshot instant of the stay's patient); its pre_hook removes the stays whose tombstone
-- arrived since (erasures). A new column stops the build (on_schema_change 'fail'): the rows
-- already there would hold NULL in it, so the table is rebuilt with --full-refresh instead.
-- Kept in admission_key order (cluster_by): the patient page reads a patient's stays by number.
-- A build selects again the older stays of each patient with a new stay, most of them unchanged:
-- those stay in place (cluster_keep_unchanged), a quarter fewer rows appended each day.
{{
    config(
        materialized='incremental',
        unique_key='admission_key',
        incremental_strategy='delete+insert',
        cluster_by='admission_key',
        cluster_keep_unchanged=true,
        on_schema_change='fail',
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
{%- if is_incremental() %}
stay_patients as (
    -- The patients named by any version of the stays with a version loaded since (a stay that
    -- moved, or was erased, changes the previous entry of its old patient's other stays).
    select cast(h.patient_id as integer) as patient_id
    from {{ source('healthflow', 'stg_admissions') }} h
    where h.patient_id is not null
      and h.id in (select c.id from {{ source('healthflow', 'stg_admissions') }} c
                   where c._loaded_at > {{ loaded_watermark() }})
),
{%- endif %}
stays as (
    select a.*,
           case when a.patient_id is null then cast(a.date_entree as date)
                else lag(cast(a.date_entree as date)) over (partition by a.patient_id
                                                            order by a.date_entree, a.admission_id)
           end as entree_precedente,
           case when a.patient_id is null then cast(a.date_entree as date)
                else lag(cast(a.date_entree as date)) over (partition by a.patient_id, a.service_id
                                                            order by a.date_entree, a.admission_id)
           end as entree_precedente_service
    from {{ ref('fct_admissions_core') }} a
    {%- if is_incremental() %}
    where a._loaded_at > {{ loaded_watermark() }}
       or a.patient_id in (select patient_id from patient_changes)
       or a.patient_id in (select patient_id from stay_patients)
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
    a.entree_precedente,
    a.entree_precedente_service,
    a._loaded_at,
    pv.versions_at as _versions_at
from stays a
left join versions v
    on v.patient_id = a.patient_id
   and a.date_entree >= v.join_from
   and a.date_entree < v.join_to
left join patient_versions_at pv on pv.patient_id = a.patient_id

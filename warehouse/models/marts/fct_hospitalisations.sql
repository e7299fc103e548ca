-- One row per stay, keyed to the dimensions. patient_key is the patient version valid at the
-- entry (point-in-time join on the version windows), not the current one.
with stays as (
    select * from {{ ref('fct_admissions_core') }}
),
versions as (
    -- The first version also covers stays before it was first seen.
    select
        patient_key, patient_id, date_naissance, mutuelle,
        case when numero_version = 1 then cast('1900-01-01 00:00:00' as timestamp) else dbt_valid_from end as join_from,
        coalesce(dbt_valid_to, cast('9999-12-31 00:00:00' as timestamp)) as join_to
    from {{ ref('dim_patients_scd') }}
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
    v.mutuelle
from stays a
left join versions v
    on v.patient_id = a.patient_id
   and a.date_entree >= v.join_from
   and a.date_entree < v.join_to

{% snapshot patients_scd2 %}
{#- SCD Type 2 history of patients: a new version when the address or the mutuelle changes, the
    current version closed when the patient is erased. `instant_observation` is the hospital's
    clock when the version was first seen (its latest recorded event), so that core can place the
    versions on the hospital's timeline as well as on the build's. -#}
{{
    config(
        target_schema='snapshots',
        unique_key='patient_id',
        strategy='check',
        check_cols=['adresse', 'mutuelle'],
        hard_deletes='invalidate'
    )
}}
select
    p.patient_id,
    p.nom,
    p.prenom,
    p.sexe,
    p.date_naissance,
    p.adresse,
    p.mutuelle,
    p.telephone,
    p.email,
    p.date_creation,
    p._extracted_at,
    (select max(e.instant) from (
        select max(date_entree) as instant from {{ ref('stg_admissions_clean') }}
        union all
        select max(date_sortie) from {{ ref('stg_admissions_clean') }}
    ) e) as instant_observation
from {{ ref('stg_patients_clean') }} p
{% endsnapshot %}

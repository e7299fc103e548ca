-- Patients as the hospital knows them now: the latest extracted version of each patient (a
-- deleted patient's tombstone removes them), cleaned as the source design does.
{{
    config(
        materialized='incremental',
        unique_key='patient_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_tombstoned(source('healthflow', 'stg_patients'), 'patient_id') }}",
        post_hook="{{ refresh_ages() }}"
    )
}}
with latest as (
    select * from {{ changed_latest_versions(source('healthflow', 'stg_patients')) }} p
)
select
    cast(id as integer) as patient_id,
    upper(trim(nom)) as nom,
    {{ capitalise_words('trim(prenom)') }} as prenom,
    upper(trim(sexe)) as sexe,
    date_naissance,
    {{ age_in_years('date_naissance', 'current_date') }} as age,
    nullif(trim(adresse), '') as adresse,
    upper(coalesce(nullif(trim(mutuelle), ''), 'SANS_MUTUELLE')) as mutuelle,
    case when trim(telephone) like '+33%'
         then '0' || substr(regexp_replace(telephone, '[^0-9]', '', 'g'), 3)
         else nullif(regexp_replace(telephone, '[^0-9]', '', 'g'), '') end as telephone,
    nullif(lower(trim(email)), '') as email,
    {{ to_hospital_time('date_creation') }} as date_creation,
    {{ to_hospital_time('date_modification') }} as date_modification,
    _extracted_at,
    _source_system,
    _extraction_batch_id,
    _loaded_at
from latest

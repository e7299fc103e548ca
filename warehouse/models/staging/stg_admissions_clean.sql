-- Stays: the latest extracted version of each admission (tombstones of erased patients' stays
-- applied), text trimmed, an exit not after the entry treated as unknown.
{{
    config(
        materialized='incremental',
        unique_key='admission_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_tombstoned(source('healthflow', 'stg_admissions'), 'admission_id') }}"
    )
}}
with latest as (
    select * from {{ changed_latest_versions(source('healthflow', 'stg_admissions')) }} a
)
select
    cast(id as integer) as admission_id,
    cast(patient_id as integer) as patient_id,
    cast(service_id as integer) as service_id,
    cast(date_entree as timestamp) as date_entree,
    case when date_sortie > date_entree then cast(date_sortie as timestamp) end as date_sortie,
    upper(trim(mode_entree)) as mode_entree,
    cast(score_gravite as integer) as score_gravite,
    nullif(trim(motif), '') as motif,
    cast(cout_total as decimal(12,2)) as cout_total,
    {{ to_hospital_time('date_creation') }} as date_creation,
    {{ to_hospital_time('date_modification') }} as date_modification,
    _extracted_at,
    _source_system,
    _extraction_batch_id,
    _loaded_at
from latest

-- Services: the latest extracted version of each unit, names trimmed, codes upper case.
{{
    config(
        materialized='incremental',
        unique_key='service_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_tombstoned(source('healthflow', 'stg_services'), 'service_id') }}"
    )
}}
with latest as (
    select * from {{ changed_latest_versions(source('healthflow', 'stg_services')) }} s
)
select
    cast(id as integer) as service_id,
    upper(trim(code)) as code_service,
    trim(nom_service) as nom_service,
    cast(capacite_lits as integer) as capacite_lits,
    coalesce(actif, true) as actif,
    {{ to_hospital_time('date_creation') }} as date_creation,
    {{ to_hospital_time('date_modification') }} as date_modification,
    _extracted_at,
    _source_system,
    _extraction_batch_id,
    _loaded_at
from latest

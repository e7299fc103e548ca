-- Services: the latest extracted version of each unit, names trimmed, codes upper case.
with latest as (
    select * from {{ latest_versions(source('healthflow', 'stg_services')) }} s
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
    _extraction_batch_id
from latest

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
    cast(date_creation as timestamp) as date_creation,
    cast(date_modification as timestamp) as date_modification,
    _extracted_at,
    _source_system,
    _extraction_batch_id
from latest

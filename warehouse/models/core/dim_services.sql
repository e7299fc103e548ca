-- The hospital's units, one row per service (service_key = the service's id).
select
    service_id as service_key,
    service_id,
    code_service,
    nom_service,
    capacite_lits,
    actif
from {{ ref('stg_services_clean') }}

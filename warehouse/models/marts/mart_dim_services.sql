{{ config(alias='dim_services') }}
-- Services for the star schema: marts.dim_services, same columns as core.dim_services.
select service_key, service_id, code_service, nom_service, capacite_lits, actif
from {{ ref('dim_services') }}

-- Beds occupied never exceed the beds of the service, at midnight or now.
select date, service_key, lits_occupes, capacite_lits
from {{ ref('kpi_occupation_jour') }}
where lits_occupes > capacite_lits
union all
select cast(instant_reference as date), service_key, lits_occupes, capacite_lits
from {{ ref('kpi_occupation_actuelle') }}
where lits_occupes > capacite_lits

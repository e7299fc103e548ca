-- Occupancy now per service: instantaneous (patients in house at the reference instant / beds)
-- and period occupancy over the last 7 and 30 complete days (patient-days at midnight / bed-days,
-- the days before the reference date).
with reference as (
    select instant_reference, date_reference from {{ ref('kpi_reference') }}
),
in_house as (
    select a.service_id, count(*) as lits_occupes
    from {{ ref('fct_admissions_core') }} a
    cross join reference r
    where a.date_entree <= r.instant_reference
      and (a.date_sortie is null or a.date_sortie > r.instant_reference)
    group by a.service_id
),
periods as (
    select
        o.service_key,
        sum(case when o.date >= {{ add_days('r.date_reference', -7) }} then o.lits_occupes else 0 end) as jours_patients_7j,
        sum(case when o.date >= {{ add_days('r.date_reference', -7) }} then 1 else 0 end) as jours_7j,
        sum(o.lits_occupes) as jours_patients_30j,
        count(*) as jours_30j
    from {{ ref('kpi_occupation_jour') }} o
    cross join reference r
    where o.date >= {{ add_days('r.date_reference', -30) }} and o.date < r.date_reference
    group by o.service_key
)
select
    s.service_key,
    s.code_service,
    s.nom_service,
    s.capacite_lits,
    cast(coalesce(h.lits_occupes, 0) as integer) as lits_occupes,
    cast(s.capacite_lits - coalesce(h.lits_occupes, 0) as integer) as lits_libres,
    {{ percent('coalesce(h.lits_occupes, 0)', 's.capacite_lits') }} as taux_occupation,
    {{ occupancy_band(percent('coalesce(h.lits_occupes, 0)', 's.capacite_lits')) }} as bande,
    case when p.jours_7j > 0 then {{ percent('p.jours_patients_7j', 's.capacite_lits * p.jours_7j') }} end as taux_7j,
    case when p.jours_30j > 0 then {{ percent('p.jours_patients_30j', 's.capacite_lits * p.jours_30j') }} end as taux_30j,
    r.instant_reference
from {{ ref('dim_services') }} s
cross join reference r
left join in_house h on h.service_id = s.service_key
left join periods p on p.service_key = s.service_key

-- marts.kpi_couts_jour holds every stay of the fact table once, with its cost, and counts every
-- patient once: totals per service and overall (code_service NULL) equal the fact table's
-- (no row = pass).
with mart as (
    select code_service,
           sum(nb_sejours) as nb_sejours,
           sum(case when entree_precedente_service is null then nb_sejours else 0 end) as nb_patients,
           sum(cout_total) as cout_total
    from {{ ref('kpi_couts_jour') }}
    group by code_service
    union all
    select null, sum(nb_sejours), sum(case when entree_precedente is null then nb_sejours else 0 end), sum(cout_total)
    from {{ ref('kpi_couts_jour') }}
),
fact as (
    select s.code_service, count(*) as nb_sejours, count(distinct f.patient_pseudo) as nb_patients,
           sum(f.cout_total) as cout_total
    from {{ ref('fct_hospitalisations') }} f
    join {{ ref('dim_services') }} s on s.service_key = f.service_key
    group by grouping sets ((s.code_service), ())
)
select coalesce(m.code_service, f.code_service) as code_service,
       m.nb_sejours, f.nb_sejours as nb_sejours_fait, m.nb_patients, f.nb_patients as nb_patients_fait,
       m.cout_total, f.cout_total as cout_total_fait
from mart m
full outer join fact f on coalesce(f.code_service, '') = coalesce(m.code_service, '')
where m.nb_sejours is null or f.nb_sejours is null
   or m.nb_sejours <> f.nb_sejours
   or m.nb_patients <> f.nb_patients
   or coalesce(m.cout_total, -1) <> coalesce(f.cout_total, -1)

-- marts.kpi_couts_jour holds every stay of the fact table once, with its cost, and counts every
-- patient once: stays and cost per service, and stays, cost and distinct patients overall
-- (code_service NULL), equal the fact table's (no row = pass). One distinct count only: it is
-- the costly part at scale.
with mart as (
    select code_service, sum(nb_sejours) as nb_sejours, cast(null as integer) as nb_patients,
           sum(cout_total) as cout_total
    from {{ ref('kpi_couts_jour') }}
    group by code_service
    union all
    select null, sum(nb_sejours), sum(case when entree_precedente is null then nb_sejours else 0 end), sum(cout_total)
    from {{ ref('kpi_couts_jour') }}
),
fact_stays as (
    select s.code_service, f.patient_pseudo, f.cout_total
    from {{ ref('fct_hospitalisations') }} f
    join {{ ref('dim_services') }} s on s.service_key = f.service_key
),
fact as (
    select code_service, count(*) as nb_sejours, cast(null as integer) as nb_patients, sum(cout_total) as cout_total
    from fact_stays
    group by code_service
    union all
    select null, count(*), count(distinct patient_pseudo), sum(cout_total)
    from fact_stays
)
select coalesce(m.code_service, f.code_service) as code_service,
       m.nb_sejours, f.nb_sejours as nb_sejours_fait, m.nb_patients, f.nb_patients as nb_patients_fait,
       m.cout_total, f.cout_total as cout_total_fait
from mart m
full outer join fact f on coalesce(f.code_service, '') = coalesce(m.code_service, '')
where m.nb_sejours is null or f.nb_sejours is null
   or m.nb_sejours <> f.nb_sejours
   or coalesce(m.nb_patients, -1) <> coalesce(f.nb_patients, -1)
   or coalesce(m.cout_total, -1) <> coalesce(f.cout_total, -1)

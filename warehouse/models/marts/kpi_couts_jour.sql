-- Stays and their cost by day of entry and service, for the dashboards' cost summary over any
-- period (sums and counts only, so every average is sum / count). Distinct patients are not
-- additive over days; to count them exactly each stay carries the day of the same patient's
-- previous entry (in the same service, and in the whole hospital): the patients who entered in
-- [du, au] are the stays of [du, au] whose previous entry is before du or absent (the fact's
-- entree_precedente and entree_precedente_service). One GROUP BY over marts.fct_hospitalisations;
-- the services are those of dim_services.
select
    cast(f.date_entree as date) as jour_entree,
    f.service_key,
    s.code_service,
    f.entree_precedente_service,
    f.entree_precedente,
    cast(count(*) as integer) as nb_sejours,
    cast(sum(f.cout_total) as decimal(14,2)) as cout_total
from {{ ref('fct_hospitalisations') }} f
join {{ ref('dim_services') }} s on s.service_key = f.service_key
group by cast(f.date_entree as date), f.service_key, s.code_service, f.entree_precedente_service, f.entree_precedente
order by 1, 2

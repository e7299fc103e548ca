-- marts.kpi_couts_jour holds every stay once with its cost: per service, its stays equal those of
-- kpi_dms_jour (every stay, by day of discharge) and its cost that of kpi_couts (discharged stays;
-- a stay in progress has no cost yet). Compared with sibling marts, not with
-- fct_hospitalisations: a test that read an ancestor of its model would make `build` a cycle.
-- No row = pass.
with jour as (
    select service_key, sum(nb_sejours) as nb_sejours, sum(cout_total) as cout_total
    from {{ ref('kpi_couts_jour') }}
    group by service_key
),
sorties as (
    select service_key, sum(nb_sejours) as nb_sejours
    from {{ ref('kpi_dms_jour') }}
    group by service_key
),
couts as (
    select service_key, sum(cout_total) as cout_total
    from {{ ref('kpi_couts') }}
    group by service_key
)
select coalesce(j.service_key, s.service_key) as service_key,
       j.nb_sejours, s.nb_sejours as nb_sejours_par_sortie, j.cout_total, c.cout_total as cout_total_kpi_couts
from jour j
full outer join sorties s on s.service_key = j.service_key
left join couts c on c.service_key = coalesce(j.service_key, s.service_key)
where j.nb_sejours is null or s.nb_sejours is null
   or j.nb_sejours <> s.nb_sejours
   or coalesce(j.cout_total, 0) <> coalesce(c.cout_total, 0)

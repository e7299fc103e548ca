-- The hospital-wide sums of kpi_couts_jour: stays and their cost by day of entry and day of the
-- same patient's previous entry anywhere in the hospital (about 3.4 times fewer rows). The
-- dashboards' cost summary without a service filter reads it: the patients who entered in
-- [du, au] are the stays of [du, au] whose previous entry is before du or absent.
select
    jour_entree,
    entree_precedente,
    cast(sum(nb_sejours) as integer) as nb_sejours,
    cast(sum(cout_total) as decimal(14,2)) as cout_total
from {{ ref('kpi_couts_jour') }}
group by jour_entree, entree_precedente
order by 1, 2

-- Length of stay by day of discharge and service, for the dashboards' DMS over any period:
-- counts and total durations in whole seconds (exact sums), so that a mean is sum / count
-- (duree_sejour of fct_hospitalisations is seconds / 86400). Full hospitalisation = at least
-- one night (the rule of kpi_dms_service). Stays in progress are one row per service with
-- jour_sortie NULL. One GROUP BY over marts.fct_hospitalisations, every service_key kept.
with stays as (
    select
        service_key,
        case when statut = 'TERMINE' then cast(date_sortie as date) end as jour_sortie,
        statut,
        nuitees,
        case when statut = 'TERMINE' then {{ dbt.datediff('date_entree', 'date_sortie', 'second') }} end as secondes
    from {{ ref('fct_hospitalisations') }}
)
select
    jour_sortie,
    service_key,
    cast(count(*) as integer) as nb_sejours,
    cast(sum(case when nuitees >= 1 then 1 else 0 end) as integer) as nb_sejours_hospitalisation_complete,
    cast(sum(secondes) as bigint) as duree_totale_secondes,
    cast(sum(case when nuitees >= 1 then secondes when statut = 'TERMINE' then 0 end) as bigint)
        as duree_hospitalisation_complete_secondes
from stays
group by jour_sortie, service_key
order by jour_sortie, service_key

-- The cumulative census equals a direct count of the stays present at the midnight ending each
-- of the last 30 days (entered before that midnight, not left before it). Only the stays not
-- left before the first of these days can be present at one of them: they alone are compared
-- with the days (the others would fail the join's condition on every day).
with last_days as (
    select distinct date as jour
    from {{ ref('kpi_occupation_jour') }}
    where date >= (select {{ add_days('max(date)', -29) }} from {{ ref('kpi_occupation_jour') }})
),
recent_stays as (
    select cast(f.date_entree as date) as jour_entree, cast(f.date_sortie as date) as jour_sortie, f.service_key
    from {{ ref('fct_hospitalisations') }} f
    where f.date_sortie is null or cast(f.date_sortie as date) > (select min(jour) from last_days)
),
direct as (
    select d.jour, f.service_key, count(*) as lits
    from last_days d
    join recent_stays f
      on f.jour_entree <= d.jour
     and (f.jour_sortie is null or f.jour_sortie > d.jour)
    group by d.jour, f.service_key
)
select o.date, o.service_key, o.lits_occupes, d.lits
from {{ ref('kpi_occupation_jour') }} o
join last_days l on l.jour = o.date
left join direct d on d.jour = o.date and d.service_key = o.service_key
where o.lits_occupes <> coalesce(d.lits, 0)

-- The cumulative census equals a direct count of the stays present at the midnight ending each
-- of the last 30 days (entered before that midnight, not left before it).
with last_days as (
    select distinct date as jour
    from {{ ref('kpi_occupation_jour') }}
    where date >= (select {{ add_days('max(date)', -29) }} from {{ ref('kpi_occupation_jour') }})
),
direct as (
    select d.jour, f.service_key, count(*) as lits
    from last_days d
    join {{ ref('fct_hospitalisations') }} f
      on cast(f.date_entree as date) <= d.jour
     and (f.date_sortie is null or cast(f.date_sortie as date) > d.jour)
    group by d.jour, f.service_key
)
select o.date, o.service_key, o.lits_occupes, d.lits
from {{ ref('kpi_occupation_jour') }} o
join last_days l on l.jour = o.date
left join direct d on d.jour = o.date and d.service_key = o.service_key
where o.lits_occupes <> coalesce(d.lits, 0)

-- The cumulative census equals a direct count of the stays present at the midnight ending the
-- reference date's previous day.
with reference as (
    select date_reference from {{ ref('kpi_reference') }}
),
direct as (
    select a.service_id, count(*) as lits
    from {{ ref('fct_admissions_core') }} a
    cross join reference r
    where cast(a.date_entree as date) < r.date_reference
      and (a.date_sortie is null or cast(a.date_sortie as date) >= r.date_reference)
    group by a.service_id
)
select o.service_key, o.lits_occupes, d.lits
from {{ ref('kpi_occupation_jour') }} o
cross join reference r
left join direct d on d.service_id = o.service_key
where o.date = {{ add_days('r.date_reference', -1) }}
  and o.lits_occupes <> coalesce(d.lits, 0)

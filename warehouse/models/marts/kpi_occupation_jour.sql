-- Daily census per service: beds occupied at the midnight ending each day (a stay counts on
-- the days from its entry date to the day before its exit date; a stay in progress up to the
-- reference date), every service x every day from the first admission day (at most
-- var occupation_days days) to the reference date. Set-based: +1 on the entry day and -1 on the
-- exit day per service, summed cumulatively along a date spine.
with reference as (
    select date_reference from {{ ref('kpi_reference') }}
),
bounds as (
    select
        greatest(
            (select cast(min(date_entree) as date) from {{ ref('fct_admissions_core') }}),
            {{ add_days('(select date_reference from reference)', '1 - ' ~ var('occupation_days', 400)) }}
        ) as first_day,
        (select date_reference from reference) as last_day
),
movements as (
    select service_id, cast(date_entree as date) as jour, 1 as delta
    from {{ ref('fct_admissions_core') }}
    union all
    select service_id, cast(date_sortie as date) as jour, -1 as delta
    from {{ ref('fct_admissions_core') }}
    where date_sortie is not null
),
daily_movements as (
    -- Movements before the first day are carried into it.
    select m.service_id, greatest(m.jour, b.first_day) as jour, sum(m.delta) as delta
    from movements m
    cross join bounds b
    where m.jour <= b.last_day
    group by m.service_id, greatest(m.jour, b.first_day)
),
days as (
    select date_day from {{ date_spine('(select first_day from bounds)', '(select last_day from bounds)') }} spine
),
census as (
    select
        d.date_day,
        s.service_key,
        sum(coalesce(m.delta, 0)) over (partition by s.service_key order by d.date_day
                                         rows between unbounded preceding and current row) as lits_occupes
    from days d
    cross join {{ ref('dim_services') }} s
    left join daily_movements m on m.service_id = s.service_key and m.jour = d.date_day
)
select
    c.date_day as date,
    c.service_key,
    s.code_service,
    s.nom_service,
    s.capacite_lits,
    cast(c.lits_occupes as integer) as lits_occupes,
    {{ percent('c.lits_occupes', 's.capacite_lits') }} as taux_occupation,
    {{ occupancy_band(percent('c.lits_occupes', 's.capacite_lits')) }} as bande
from census c
join {{ ref('dim_services') }} s on s.service_key = c.service_key

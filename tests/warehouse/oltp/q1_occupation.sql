-- Q1 computed straight on the operational database (independently of the warehouse): beds
-- occupied at the latest event of the data, and period occupancy (patients present at each
-- midnight / beds x days) over the 7 and 30 days before that event's date. Every service.
with ref as (
    select greatest(max(date_entree), max(date_sortie)) as instant,
           greatest(max(date_entree), max(date_sortie))::date as jour
    from admissions
),
in_house as (
    select s.id, count(a.id) as occ
    from services s
    cross join ref r
    left join admissions a
        on a.service_id = s.id and a.date_entree <= r.instant and (a.date_sortie is null or a.date_sortie > r.instant)
    group by s.id
),
midnights as (
    select d::date as jour, d + interval '1 day' as minuit
    from ref r, generate_series((r.jour - 30)::timestamp, (r.jour - 1)::timestamp, interval '1 day') d
),
present as (
    select m.jour, a.service_id
    from midnights m
    join admissions a on a.date_entree < m.minuit and (a.date_sortie is null or a.date_sortie >= m.minuit)
)
select
    s.code,
    s.nom_service,
    s.capacite_lits,
    h.occ,
    s.capacite_lits - h.occ,
    round(100.0 * h.occ / s.capacite_lits, 1),
    round(100.0 * (select count(*) from present p where p.service_id = s.id and p.jour >= r.jour - 7)
          / (s.capacite_lits * 7), 1),
    round(100.0 * (select count(*) from present p where p.service_id = s.id) / (s.capacite_lits * 30), 1),
    case when 100.0 * h.occ / s.capacite_lits >= 95 then 'CRITIQUE'
         when 100.0 * h.occ / s.capacite_lits >= 90 then 'ROUGE'
         when 100.0 * h.occ / s.capacite_lits >= 85 then 'ORANGE'
         else 'VERT' end,
    to_char(r.instant, 'YYYY-MM-DD HH24:MI:SS')
from services s
join in_house h on h.id = s.id
cross join ref r
order by 100.0 * h.occ / s.capacite_lits desc, s.code

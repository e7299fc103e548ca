-- Q4 straight on the operational database: mean nights of discharged stays of at least one
-- night per service, the same with same-day stays (0 nights), the overall mean and each
-- service's deviation; then the whole hospital.
with stays as (
    select service_id, date_sortie is not null as fini, date_sortie::date - date_entree::date as nuits
    from admissions
),
overall as (
    select avg(nuits) filter (where fini and nuits >= 1) as dms from stays
),
per_service as (
    select
        s.code,
        s.nom_service,
        count(st.service_id) filter (where st.fini) as termines,
        count(st.service_id) filter (where st.fini and st.nuits >= 1) as complets,
        avg(st.nuits) filter (where st.fini and st.nuits >= 1) as dms,
        avg(st.nuits) filter (where st.fini) as dms_amb,
        count(st.service_id) filter (where not st.fini) as en_cours
    from services s
    left join stays st on st.service_id = s.id
    group by s.code, s.nom_service
)
select p.code, p.nom_service, p.termines, p.complets, round(p.dms, 2), round(p.dms_amb, 2), round(o.dms, 2),
       round(p.dms - o.dms, 2), round(100 * (p.dms - o.dms) / o.dms, 1), p.en_cours
from per_service p cross join overall o
union all
select 'ENSEMBLE', 'Tous services',
       count(*) filter (where fini), count(*) filter (where fini and nuits >= 1),
       round(avg(nuits) filter (where fini and nuits >= 1), 2), round(avg(nuits) filter (where fini), 2),
       round(avg(nuits) filter (where fini and nuits >= 1), 2), 0, 0, count(*) filter (where not fini)
from stays

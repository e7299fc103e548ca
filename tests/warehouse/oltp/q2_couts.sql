-- Q2 straight on the operational database: discharged stays by service and motif, distinct
-- patients, total cost, mean per stay and per patient.
select
    s.code,
    s.nom_service,
    coalesce(nullif(trim(a.motif), ''), 'NON RENSEIGNE') as motif,
    count(*),
    count(distinct a.patient_id),
    sum(a.cout_total),
    round(sum(a.cout_total) / count(*), 2),
    round(sum(a.cout_total) / count(distinct a.patient_id), 2)
from admissions a
join services s on s.id = a.service_id
where a.date_sortie is not null and a.cout_total is not null
group by s.code, s.nom_service, coalesce(nullif(trim(a.motif), ''), 'NON RENSEIGNE')
order by 1, 3

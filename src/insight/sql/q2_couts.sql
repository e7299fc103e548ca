-- Q2: cost of discharged stays by service and motif over the whole history: stays, distinct
-- patients, total, mean per stay and mean per patient (highest mean per patient first).
-- $1: service code filter, $2: motif filter (substring, case-insensitive); NULL = all.
select
    s.code_service as "Service",
    s.nom_service as "Nom",
    coalesce(f.motif, 'NON RENSEIGNE') as "Motif",
    count(*) as "Séjours",
    count(distinct f.patient_pseudo) as "Patients",
    cast(sum(f.cout_total) as decimal(14,2)) as "Coût total (EUR)",
    cast(sum(f.cout_total) / count(*) as decimal(12,2)) as "Coût moyen par séjour (EUR)",
    cast(sum(f.cout_total) / count(distinct f.patient_pseudo) as decimal(12,2)) as "Coût moyen par patient (EUR)"
from marts.fct_hospitalisations f
join marts.dim_services s on s.service_key = f.service_key
where f.statut = 'TERMINE'
  and f.cout_total is not null
  and (cast($1 as varchar) is null or s.code_service = upper(cast($1 as varchar)))
  and (cast($2 as varchar) is null or lower(f.motif) like '%' || lower(cast($2 as varchar)) || '%')
group by s.code_service, s.nom_service, coalesce(f.motif, 'NON RENSEIGNE')
order by sum(f.cout_total) / count(distinct f.patient_pseudo) desc, s.code_service, coalesce(f.motif, 'NON RENSEIGNE')

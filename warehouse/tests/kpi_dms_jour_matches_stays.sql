-- marts.kpi_dms_jour holds every stay of the fact table once: per service, its counts and total
-- length equal the fact table's (lengths compared in days, to 1e-6 day; no row = pass).
with mart as (
    select service_key,
           sum(case when jour_sortie is not null then nb_sejours else 0 end) as nb_termines,
           sum(nb_sejours_hospitalisation_complete) as nb_hospitalisation_complete,
           sum(case when jour_sortie is null then nb_sejours else 0 end) as nb_en_cours,
           coalesce(sum(duree_totale_secondes), 0) / 86400.0 as duree_totale
    from {{ ref('kpi_dms_jour') }}
    group by service_key
),
fact as (
    select service_key,
           sum(case when statut = 'TERMINE' then 1 else 0 end) as nb_termines,
           sum(case when statut = 'TERMINE' and nuitees >= 1 then 1 else 0 end) as nb_hospitalisation_complete,
           sum(case when statut = 'EN COURS' then 1 else 0 end) as nb_en_cours,
           coalesce(sum(duree_sejour), 0) as duree_totale
    from {{ ref('fct_hospitalisations') }}
    group by service_key
)
select coalesce(m.service_key, f.service_key) as service_key,
       m.nb_termines, f.nb_termines as nb_termines_fait,
       m.nb_hospitalisation_complete, f.nb_hospitalisation_complete as nb_hospitalisation_complete_fait,
       m.nb_en_cours, f.nb_en_cours as nb_en_cours_fait,
       m.duree_totale, f.duree_totale as duree_totale_fait
from mart m
full outer join fact f on f.service_key = m.service_key
where m.service_key is null or f.service_key is null
   or m.nb_termines <> f.nb_termines
   or m.nb_hospitalisation_complete <> f.nb_hospitalisation_complete
   or m.nb_en_cours <> f.nb_en_cours
   or abs(m.duree_totale - f.duree_totale) > 0.000001 * (1 + f.nb_termines)

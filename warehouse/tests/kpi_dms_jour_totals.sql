-- marts.kpi_dms_jour holds every stay once: per service, its discharged stays, those of at least
-- one night and those in progress equal kpi_dms_service's (a sibling mart: a test that read
-- fct_hospitalisations, an ancestor of its model, would make `build` a cycle). No row = pass.
with jour as (
    select service_key,
           sum(case when jour_sortie is not null then nb_sejours else 0 end) as nb_sejours_termines,
           sum(nb_sejours_hospitalisation_complete) as nb_sejours_hospitalisation_complete,
           sum(case when jour_sortie is null then nb_sejours else 0 end) as nb_sejours_en_cours
    from {{ ref('kpi_dms_jour') }}
    group by service_key
)
select s.service_key, j.nb_sejours_termines, s.nb_sejours_termines as attendu_termines,
       j.nb_sejours_hospitalisation_complete, s.nb_sejours_hospitalisation_complete as attendu_hospitalisation_complete,
       j.nb_sejours_en_cours, s.nb_sejours_en_cours as attendu_en_cours
from {{ ref('kpi_dms_service') }} s
left join jour j on j.service_key = s.service_key
where coalesce(j.nb_sejours_termines, 0) <> s.nb_sejours_termines
   or coalesce(j.nb_sejours_hospitalisation_complete, 0) <> s.nb_sejours_hospitalisation_complete
   or coalesce(j.nb_sejours_en_cours, 0) <> s.nb_sejours_en_cours

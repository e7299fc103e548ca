-- Q4: length of stay (DMS, nights of discharged full-hospitalisation stays) per service with its
-- deviation from the overall DMS, then the whole hospital (ENSEMBLE).
-- $1: service code filter (NULL = every service).
with services as (
    select * from marts.kpi_dms_service
    where cast($1 as varchar) is null or code_service = upper(cast($1 as varchar))
),
overall as (
    select
        sum(nb_sejours_termines) as nb_sejours_termines,
        sum(nb_sejours_hospitalisation_complete) as nb_sejours_hospitalisation_complete,
        max(dms_globale) as dms_globale,
        sum(dms_avec_ambulatoire * nb_sejours_termines) / nullif(sum(nb_sejours_termines), 0) as dms_avec_ambulatoire,
        sum(nb_sejours_en_cours) as nb_sejours_en_cours
    from marts.kpi_dms_service
)
select "Service", "Nom", "Séjours terminés", "Hospitalisation complète", "DMS (j)", "DMS avec ambulatoire (j)",
       "DMS globale (j)", "Écart (j)", "Écart (%)", "En cours"
from (
    select
        0 as rang,
        ecart_jours as tri,
        code_service as "Service",
        nom_service as "Nom",
        nb_sejours_termines as "Séjours terminés",
        nb_sejours_hospitalisation_complete as "Hospitalisation complète",
        cast(dms_jours as decimal(8,2)) as "DMS (j)",
        cast(dms_avec_ambulatoire as decimal(8,2)) as "DMS avec ambulatoire (j)",
        cast(dms_globale as decimal(8,2)) as "DMS globale (j)",
        cast(ecart_jours as decimal(8,2)) as "Écart (j)",
        cast(ecart_pct as decimal(8,1)) as "Écart (%)",
        nb_sejours_en_cours as "En cours"
    from services
    union all
    select
        1, 0,
        'ENSEMBLE',
        'Tous services',
        cast(nb_sejours_termines as integer),
        cast(nb_sejours_hospitalisation_complete as integer),
        cast(dms_globale as decimal(8,2)),
        cast(dms_avec_ambulatoire as decimal(8,2)),
        cast(dms_globale as decimal(8,2)),
        cast(0 as decimal(8,2)),
        cast(0 as decimal(8,1)),
        cast(nb_sejours_en_cours as integer)
    from overall
) answer
order by rang, tri desc, "Service"

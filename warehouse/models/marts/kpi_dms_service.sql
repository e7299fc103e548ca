-- Length of stay (DMS) per service on discharged stays, in nights (midnights spent):
-- dms_jours = full hospitalisation only (nuitees >= 1), dms_avec_ambulatoire = every discharged
-- stay (same-day stays count 0). dms_globale applies the full-hospitalisation rule to every
-- service together; ecart_* compare each service with it. Stays in progress are counted apart.
with stays as (
    select service_key, statut, nuitees
    from {{ ref('fct_hospitalisations') }}
),
overall as (
    select avg(cast(nuitees as {{ dbt.type_float() }})) as dms_globale
    from stays
    where statut = 'TERMINE' and nuitees >= 1
),
per_service as (
    select
        service_key,
        sum(case when statut = 'TERMINE' then 1 else 0 end) as nb_sejours_termines,
        sum(case when statut = 'TERMINE' and nuitees >= 1 then 1 else 0 end) as nb_sejours_hospitalisation_complete,
        sum(case when statut = 'TERMINE' and nuitees >= 1 then nuitees else 0 end) as nuitees_hospitalisation_complete,
        sum(case when statut = 'TERMINE' then nuitees else 0 end) as nuitees_total,
        sum(case when statut = 'EN COURS' then 1 else 0 end) as nb_sejours_en_cours
    from stays
    group by service_key
),
measures as (
    select
        s.service_key,
        s.code_service,
        s.nom_service,
        coalesce(p.nb_sejours_termines, 0) as nb_sejours_termines,
        coalesce(p.nb_sejours_hospitalisation_complete, 0) as nb_sejours_hospitalisation_complete,
        cast(p.nuitees_hospitalisation_complete as {{ dbt.type_float() }}) / nullif(p.nb_sejours_hospitalisation_complete, 0) as dms_jours,
        cast(p.nuitees_total as {{ dbt.type_float() }}) / nullif(p.nb_sejours_termines, 0) as dms_avec_ambulatoire,
        o.dms_globale,
        coalesce(p.nb_sejours_en_cours, 0) as nb_sejours_en_cours
    from {{ ref('dim_services') }} s
    cross join overall o
    left join per_service p on p.service_key = s.service_key
)
select
    service_key,
    code_service,
    nom_service,
    cast(nb_sejours_termines as integer) as nb_sejours_termines,
    cast(nb_sejours_hospitalisation_complete as integer) as nb_sejours_hospitalisation_complete,
    dms_jours,
    dms_avec_ambulatoire,
    dms_globale,
    dms_jours - dms_globale as ecart_jours,
    {{ percent('dms_jours - dms_globale', 'dms_globale') }} as ecart_pct,
    cast(nb_sejours_en_cours as integer) as nb_sejours_en_cours
from measures

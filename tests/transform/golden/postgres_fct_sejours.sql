with __dbt__cte__int_sejours as (

select
    a.id_admission,
    a.id_patient,
    a.id_service,
    a.motif,
    a.date_entree,
    a.date_sortie,
    ((a.date_sortie)::date - (a.date_entree)::date) as duree_jours,
    cast(((a.date_sortie)::date - (a.date_entree)::date) as text) || ' j' as libelle_duree,
    a.cout_total
from "analytics_staging"."stg_admissions" a
)

select
    s.id_admission,
    s.id_patient,
    s.id_service,
    m.libelle as libelle_motif,
    s.duree_jours,
    s.libelle_duree,
    round(cast(s.cout_total as numeric(28,6)), 2) as cout_total,
    (s.date_sortie + ((interval '1 day') * (30))) as fin_suivi
from __dbt__cte__int_sejours s
left join "analytics_ref_data"."motifs" m on m.motif = s.motif

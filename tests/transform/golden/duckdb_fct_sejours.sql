with __dbt__cte__int_sejours as (

select
    a.id_admission,
    a.id_patient,
    a.id_service,
    a.motif,
    a.date_entree,
    a.date_sortie,
    date_diff('day', (a.date_entree)::timestamp, (a.date_sortie)::timestamp) as duree_jours,
    (date_diff('day', (a.date_entree)::timestamp, (a.date_sortie)::timestamp))::varchar || ' j' as libelle_duree,
    a.cout_total
from "main_staging"."stg_admissions" a
)

select
    s.id_admission,
    s.id_patient,
    s.id_service,
    m.libelle as libelle_motif,
    s.duree_jours,
    s.libelle_duree,
    round(cast(s.cout_total as numeric(28,6)), 2) as cout_total,
    date_add(s.date_sortie, interval (30) day) as fin_suivi
from __dbt__cte__int_sejours s
left join "main_ref_data"."motifs" m on m.motif = s.motif

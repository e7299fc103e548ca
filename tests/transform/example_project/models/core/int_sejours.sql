{{ config(materialized='ephemeral') }}
select
    a.id_admission,
    a.id_patient,
    a.id_service,
    a.motif,
    a.date_entree,
    a.date_sortie,
    {{ datediff('a.date_entree', 'a.date_sortie', 'day') }} as duree_jours,
    {{ libelle_duree(datediff('a.date_entree', 'a.date_sortie', 'day')) }} as libelle_duree,
    a.cout_total
from {{ ref('stg_admissions') }} a

{{ config(materialized='incremental', unique_key='id_admission', on_schema_change='append_new_columns') }}
select
    s.id_admission,
    s.id_patient,
    s.id_service,
    m.libelle as libelle_motif,
    s.duree_jours,
    s.libelle_duree,
    {{ montant_euros('s.cout_total') }} as cout_total,
    {{ dateadd('day', 30, 's.date_sortie') }} as fin_suivi
from {{ ref('int_sejours') }} s
left join {{ ref('motifs') }} m on m.motif = s.motif
{% if is_incremental() %}
where s.id_admission > (select max(id_admission) from {{ this }})
{% endif %}

{#- Journal en ajout seul : chaque exécution ajoute les admissions extraites depuis la précédente. -#}
{{ config(materialized='incremental', tags=['journal']) }}
select
    id_admission,
    id_service,
    motif,
    _extracted_at as extrait_le
from {{ source('hospital', 'admissions') }}
{% if is_incremental() %}
where _extracted_at > (select max(extrait_le) from {{ this }})
{% endif %}

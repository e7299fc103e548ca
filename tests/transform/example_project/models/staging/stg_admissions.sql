select
    id_admission,
    id_patient,
    id_service,
    upper(motif) as motif,
    cast(date_entree as {{ type_timestamp() }}) as date_entree,
    cast(date_sortie as {{ type_timestamp() }}) as date_sortie,
    cast(cout_total as {{ type_numeric() }}) as cout_total
from {{ source('hospital', 'admissions') }}
where date_entree >= '{{ var("date_debut") }}'

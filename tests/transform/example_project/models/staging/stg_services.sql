select
    id_service,
    trim(nom) as nom_service,
    cast(capacite_lits as {{ type_int() }}) as capacite_lits
from {{ source('hospital', 'services') }}

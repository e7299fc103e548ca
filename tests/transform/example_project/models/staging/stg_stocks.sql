select
    id_medicament,
    nom as nom_medicament,
    quantite,
    seuil_alerte,
    prix_unitaire,
    {{ current_timestamp() }} as charge_le
from {{ source('hospital', 'stocks_medicaments') }}

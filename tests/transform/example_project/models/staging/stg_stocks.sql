select
    id_medicament,
    nom as nom_medicament,
    quantite,
    seuil_alerte,
    prix_unitaire
from {{ source('hospital', 'stocks_medicaments') }}
where _extracted_at <= {{ current_timestamp() }}

{{ config(materialized='view') }}
select
    s.id_medicament,
    s.nom_medicament,
    s.quantite,
    s.seuil_alerte,
    s.seuil_alerte - s.quantite as deficit,
    t.categorie,
    {{ montant_euros('(s.seuil_alerte - s.quantite) * s.prix_unitaire') }} as valeur_commande
from {{ ref('stg_stocks') }} s
left join {{ ref('tarifs_categories') }} t on t.id_medicament = s.id_medicament
where s.quantite <= s.seuil_alerte

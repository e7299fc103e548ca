-- Medications at or below their alert threshold, in criticality order (rang_criticite: level
-- RUPTURE, URGENT, ATTENTION, then VEN class V, E, N, then fewest days of cover, then id).
select
    medicament_id,
    nom_medicament,
    classe_ven,
    unite,
    quantite,
    seuil_alerte,
    deficit,
    niveau,
    conso_jour_moyenne,
    jours_couverture,
    date_rupture_prevue,
    delai_livraison_jours,
    quantite_a_commander,
    prix_unitaire,
    valeur_a_commander,
    rang_criticite
from {{ ref('kpi_stocks') }}
where est_en_alerte

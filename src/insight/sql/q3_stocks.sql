-- Q3: medications at or below their alert threshold, most critical first (level RUPTURE,
-- URGENT, ATTENTION; then VEN class V, E, N; then fewest days of cover), with the deficit and
-- the order to place (quantity and value).
select
    nom_medicament as "Médicament",
    classe_ven as "VEN",
    niveau as "Niveau",
    quantite as "Quantité",
    seuil_alerte as "Seuil",
    deficit as "Déficit",
    cast(jours_couverture as decimal(8,1)) as "Couverture (j)",
    date_rupture_prevue as "Rupture prévue",
    delai_livraison_jours as "Délai (j)",
    quantite_a_commander as "À commander",
    unite as "Unité",
    prix_unitaire as "Prix unitaire (EUR)",
    valeur_a_commander as "Valeur à commander (EUR)"
from marts.kpi_alertes_stocks
order by rang_criticite

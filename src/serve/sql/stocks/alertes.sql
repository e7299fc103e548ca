-- Medications at or below their threshold, most critical first (rang_criticite: level, VEN class,
-- days of cover, then id).
-- $1 niveau or NULL, $2 classe_ven or NULL, $3 forecast stock-out on or before this date, or NULL,
-- $4 the number of rows kept.
SELECT medicament_id, nom_medicament, classe_ven, unite, quantite, seuil_alerte, deficit, niveau,
       CAST(ROUND(CAST(conso_jour_moyenne AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS conso_jour_moyenne, CAST(ROUND(CAST(jours_couverture AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS jours_couverture,
       date_rupture_prevue, delai_livraison_jours, quantite_a_commander, prix_unitaire, valeur_a_commander
FROM marts.kpi_alertes_stocks
WHERE (CAST($1 AS VARCHAR) IS NULL OR niveau = CAST($1 AS VARCHAR))
  AND (CAST($2 AS VARCHAR) IS NULL OR classe_ven = CAST($2 AS VARCHAR))
  AND (CAST($3 AS DATE) IS NULL OR quantite = 0 OR date_rupture_prevue <= CAST($3 AS DATE))
ORDER BY rang_criticite
LIMIT CAST($4 AS BIGINT)

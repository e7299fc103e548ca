-- Every medication's stock position. $1 niveau or NULL, $2 classe_ven or NULL.
SELECT medicament_id, nom_medicament, classe_ven, unite, quantite, seuil_alerte, est_en_alerte, niveau,
       CAST(ROUND(CAST(jours_couverture AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS jours_couverture, date_rupture_prevue, prix_unitaire
FROM marts.kpi_stocks
WHERE (CAST($1 AS VARCHAR) IS NULL OR niveau = CAST($1 AS VARCHAR))
  AND (CAST($2 AS VARCHAR) IS NULL OR classe_ven = CAST($2 AS VARCHAR))
ORDER BY nom_medicament, medicament_id

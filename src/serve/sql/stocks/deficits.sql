-- The largest deficits. $1 niveau, $2 classe_ven, $3 stock-out date bound (each NULL = all), $4 row count.
SELECT medicament_id, nom_medicament, classe_ven, niveau, quantite, seuil_alerte, deficit, valeur_a_commander
FROM marts.kpi_alertes_stocks
WHERE (CAST($1 AS VARCHAR) IS NULL OR niveau = CAST($1 AS VARCHAR))
  AND (CAST($2 AS VARCHAR) IS NULL OR classe_ven = CAST($2 AS VARCHAR))
  AND (CAST($3 AS DATE) IS NULL OR quantite = 0 OR date_rupture_prevue <= CAST($3 AS DATE))
ORDER BY deficit DESC, medicament_id
LIMIT CAST($4 AS INTEGER)

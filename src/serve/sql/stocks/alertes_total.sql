-- Totals of the alert board, same filters as alertes.sql.
SELECT CAST(COUNT(*) AS INTEGER) AS nb_alertes,
       CAST(COUNT(*) FILTER (WHERE niveau = 'RUPTURE') AS INTEGER) AS nb_ruptures,
       CAST(COUNT(*) FILTER (WHERE niveau = 'URGENT') AS INTEGER) AS nb_urgents,
       CAST(COALESCE(SUM(valeur_a_commander), 0) AS DECIMAL(14, 2)) AS valeur_totale_a_commander
FROM marts.kpi_alertes_stocks
WHERE (CAST($1 AS VARCHAR) IS NULL OR niveau = CAST($1 AS VARCHAR))
  AND (CAST($2 AS VARCHAR) IS NULL OR classe_ven = CAST($2 AS VARCHAR))
  AND (CAST($3 AS DATE) IS NULL OR quantite = 0 OR date_rupture_prevue <= CAST($3 AS DATE))

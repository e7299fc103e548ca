-- Total cost per service over the months of the period. $1 du, $2 au, $3 code_service or NULL.
-- Grouped by the integer service_key (one code and name each), which needs no hash table.
SELECT MIN(code_service) AS code_service, MIN(nom_service) AS nom_service,
       CAST(SUM(nb_sejours) AS INTEGER) AS nb_sejours,
       CAST(SUM(cout_total) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(SUM(cout_total) / NULLIF(SUM(nb_sejours), 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour
FROM marts.kpi_couts
WHERE mois BETWEEN CAST(DATE_TRUNC('month', CAST($1 AS DATE)) AS DATE) AND CAST($2 AS DATE)
  AND (CAST($3 AS VARCHAR) IS NULL OR code_service = CAST($3 AS VARCHAR))
GROUP BY service_key
ORDER BY cout_total DESC, code_service

-- Daily occupancy per service. $1 du, $2 au, $3 code_service or NULL.
SELECT date, code_service, nom_service, capacite_lits, lits_occupes,
       CAST(ROUND(CAST(taux_occupation AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation, bande
FROM marts.kpi_occupation_jour
WHERE date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  AND (CAST($3 AS VARCHAR) IS NULL OR code_service = CAST($3 AS VARCHAR))
ORDER BY date, code_service

-- Services at or above 90 % occupancy now, fullest first. $1 code_service or NULL.
SELECT code_service, nom_service, capacite_lits, lits_occupes, lits_libres,
       CAST(ROUND(CAST(taux_occupation AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation, bande
FROM marts.kpi_occupation_actuelle
WHERE taux_occupation >= 90
  AND (CAST($1 AS VARCHAR) IS NULL OR code_service = CAST($1 AS VARCHAR))
ORDER BY taux_occupation DESC, code_service

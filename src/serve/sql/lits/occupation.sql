-- Occupancy now per service. $1 code_service or NULL.
SELECT code_service, nom_service, capacite_lits, lits_occupes, lits_libres,
       ROUND(taux_occupation, 1) AS taux_occupation, bande,
       ROUND(taux_7j, 1) AS taux_7j, ROUND(taux_30j, 1) AS taux_30j
FROM marts.kpi_occupation_actuelle
WHERE CAST($1 AS VARCHAR) IS NULL OR code_service = CAST($1 AS VARCHAR)
ORDER BY taux_occupation DESC, code_service

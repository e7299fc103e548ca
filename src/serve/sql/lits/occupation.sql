-- Occupancy now per service. $1 code_service or NULL; the value enters through the one-row
-- `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS VARCHAR) AS code_service
)
SELECT o.code_service, o.nom_service, o.capacite_lits, o.lits_occupes, o.lits_libres,
       CAST(ROUND(CAST(o.taux_occupation AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation, o.bande,
       CAST(ROUND(CAST(o.taux_7j AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_7j,
       CAST(ROUND(CAST(o.taux_30j AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_30j
FROM marts.kpi_occupation_actuelle o, parametres p
WHERE p.code_service IS NULL OR o.code_service = p.code_service
ORDER BY o.taux_occupation DESC, o.code_service

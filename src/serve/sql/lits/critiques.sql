-- Services at or above 90 % occupancy now, fullest first. $1 code_service or NULL; the value
-- enters through the one-row `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS VARCHAR) AS code_service
)
SELECT o.code_service, o.nom_service, o.capacite_lits, o.lits_occupes, o.lits_libres,
       CAST(ROUND(CAST(o.taux_occupation AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation, o.bande
FROM marts.kpi_occupation_actuelle o, parametres p
WHERE o.taux_occupation >= 90
  AND (p.code_service IS NULL OR o.code_service = p.code_service)
ORDER BY o.taux_occupation DESC, o.code_service

-- Daily occupancy per service. $1 du, $2 au, $3 code_service or NULL; the values enter through
-- the one-row `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS DATE) AS du, CAST($2 AS DATE) AS au, CAST($3 AS VARCHAR) AS code_service
)
SELECT o.date, o.code_service, o.nom_service, o.capacite_lits, o.lits_occupes,
       CAST(ROUND(CAST(o.taux_occupation AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation, o.bande
FROM marts.kpi_occupation_jour o, parametres p
WHERE o.date BETWEEN p.du AND p.au
  AND (p.code_service IS NULL OR o.code_service = p.code_service)
ORDER BY o.date, o.code_service

-- Period occupancy: patient-days / bed-days (midnight convention). $1 du, $2 au, $3 code_service
-- or NULL; the values enter through the one-row `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS DATE) AS du, CAST($2 AS DATE) AS au, CAST($3 AS VARCHAR) AS code_service
)
SELECT CAST(SUM(o.lits_occupes) AS INTEGER) AS journees_patients,
       CAST(SUM(o.capacite_lits) AS INTEGER) AS journees_lits,
       CAST(ROUND(CAST(100.0 * SUM(o.lits_occupes) / NULLIF(SUM(o.capacite_lits), 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_periode
FROM marts.kpi_occupation_jour o, parametres p
WHERE o.date BETWEEN p.du AND p.au
  AND (p.code_service IS NULL OR o.code_service = p.code_service)

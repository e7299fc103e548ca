-- Period occupancy: patient-days / bed-days (midnight convention). $1 du, $2 au, $3 code_service or NULL.
SELECT CAST(SUM(lits_occupes) AS INTEGER) AS journees_patients,
       CAST(SUM(capacite_lits) AS INTEGER) AS journees_lits,
       CAST(ROUND(CAST(100.0 * SUM(lits_occupes) / NULLIF(SUM(capacite_lits), 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_periode
FROM marts.kpi_occupation_jour
WHERE date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  AND (CAST($3 AS VARCHAR) IS NULL OR code_service = CAST($3 AS VARCHAR))

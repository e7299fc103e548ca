-- Overall cost figures of the stays that began in the period. $1 du, $2 au, $3 code_service or NULL.
SELECT CAST(COUNT(*) AS INTEGER) AS nb_sejours,
       CAST(COUNT(DISTINCT f.patient_pseudo) AS INTEGER) AS nb_patients,
       CAST(COALESCE(SUM(f.cout_total), 0) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(SUM(f.cout_total) / NULLIF(COUNT(*), 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour,
       CAST(ROUND(SUM(f.cout_total) / NULLIF(COUNT(DISTINCT f.patient_pseudo), 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_patient
FROM marts.fct_hospitalisations f
JOIN marts.dim_services s ON s.service_key = f.service_key
WHERE CAST(f.date_entree AS DATE) BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
  AND (CAST($3 AS VARCHAR) IS NULL OR s.code_service = CAST($3 AS VARCHAR))

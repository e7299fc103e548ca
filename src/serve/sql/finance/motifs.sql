-- Drill-down of one service's costs per pathology (motif). $1 du, $2 au, $3 code_service.
SELECT motif,
       CAST(SUM(nb_sejours) AS INTEGER) AS nb_sejours,
       CAST(SUM(cout_total) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(SUM(cout_total) / NULLIF(SUM(nb_sejours), 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour
FROM marts.kpi_couts
WHERE mois BETWEEN CAST(DATE_TRUNC('month', CAST($1 AS DATE)) AS DATE) AND CAST($2 AS DATE)
  AND code_service = CAST($3 AS VARCHAR)
GROUP BY motif
ORDER BY cout_total DESC, motif

-- Cost per month. $1 du, $2 au, $3 code_service or NULL. The values enter through the one-row
-- `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST(DATE_TRUNC('month', CAST($1 AS DATE)) AS DATE) AS premier_mois, CAST($2 AS DATE) AS au,
           CAST($3 AS VARCHAR) AS code_service
)
SELECT k.mois,
       CAST(SUM(k.nb_sejours) AS INTEGER) AS nb_sejours,
       CAST(SUM(k.cout_total) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(SUM(k.cout_total) / NULLIF(SUM(k.nb_sejours), 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour
FROM marts.kpi_couts k, parametres p
WHERE k.mois BETWEEN p.premier_mois AND p.au
  AND (p.code_service IS NULL OR k.code_service = p.code_service)
GROUP BY k.mois
ORDER BY k.mois

-- Average length of stay per service, over the stays that ended in the period: full
-- hospitalisation (>= 1 night) and with same-day stays; gap to the hospital's mean (same rule).
-- Sums of marts.kpi_dms_jour (by day of discharge): mean = total seconds / 86400 / stays.
-- $1 du, $2 au, $3 code_service or NULL; the values enter through the one-row `parametres` (see
-- README.md in this folder). Grouped straight from the table by its integer key, the grouping
-- uses the column's range (no hash table); the hospital's totals are a window over the groups.
WITH parametres AS (
    SELECT CAST($1 AS DATE) AS du, CAST($2 AS DATE) AS au, CAST($3 AS VARCHAR) AS code_service
),
par_service AS (
    SELECT k.service_key,
           SUM(k.nb_sejours) AS nb_sejours,
           SUM(k.nb_sejours_hospitalisation_complete) AS nb_sejours_termines,
           SUM(k.duree_totale_secondes) AS duree_totale,
           SUM(k.duree_hospitalisation_complete_secondes) AS duree_complete
    FROM marts.kpi_dms_jour k, parametres p
    WHERE k.jour_sortie BETWEEN p.du AND p.au
    GROUP BY k.service_key
),
moyennes AS (
    SELECT service_key, nb_sejours_termines,
           CAST(duree_complete AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(nb_sejours_termines, 0) AS dms_jours,
           CAST(duree_totale AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(nb_sejours, 0) AS dms_avec_ambulatoire,
           CAST(SUM(duree_complete) OVER () AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(SUM(nb_sejours_termines) OVER (), 0) AS dms_globale
    FROM par_service
),
globale AS (
    SELECT MAX(dms_globale) AS dms FROM moyennes
)
SELECT s.code_service, s.nom_service,
       CAST(COALESCE(m.nb_sejours_termines, 0) AS INTEGER) AS nb_sejours_termines,
       CAST(ROUND(CAST(m.dms_jours AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_jours,
       CAST(ROUND(CAST(m.dms_avec_ambulatoire AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_avec_ambulatoire,
       CAST(ROUND(CAST(g.dms AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_globale,
       CAST(ROUND(CAST(m.dms_jours - g.dms AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS ecart_jours,
       CAST(ROUND(CAST(100.0 * (m.dms_jours - g.dms) / NULLIF(g.dms, 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS ecart_pct
FROM marts.dim_services s
CROSS JOIN parametres p
CROSS JOIN globale g
LEFT JOIN moyennes m ON m.service_key = s.service_key
WHERE p.code_service IS NULL OR s.code_service = p.code_service
ORDER BY dms_jours DESC NULLS LAST, s.code_service

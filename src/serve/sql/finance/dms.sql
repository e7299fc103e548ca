-- Average length of stay per service, over the stays that ended in the period: full
-- hospitalisation (>= 1 night) and with same-day stays; gap to the hospital's mean (same rule).
-- Sums of marts.kpi_dms_jour (by day of discharge): mean = total seconds / 86400 / stays; its rows
-- without a day are the stays in progress. Every row also carries the hospital's figures
-- (hopital_*, the same whatever the service filter), so that one statement answers the page.
-- $1 du, $2 au, $3 code_service or NULL; the values enter through the one-row `parametres` (see
-- README.md in this folder). Grouped straight from the table by its integer key, the grouping
-- uses the column's range (no hash table).
WITH parametres AS (
    SELECT CAST($1 AS DATE) AS du, CAST($2 AS DATE) AS au, CAST($3 AS VARCHAR) AS code_service
),
par_service AS (
    SELECT k.service_key,
           SUM(k.nb_sejours) FILTER (WHERE k.jour_sortie IS NOT NULL) AS nb_sejours,
           SUM(k.nb_sejours_hospitalisation_complete) FILTER (WHERE k.jour_sortie IS NOT NULL) AS nb_sejours_termines,
           SUM(k.duree_totale_secondes) FILTER (WHERE k.jour_sortie IS NOT NULL) AS duree_totale,
           SUM(k.duree_hospitalisation_complete_secondes) FILTER (WHERE k.jour_sortie IS NOT NULL) AS duree_complete,
           SUM(k.nb_sejours) FILTER (WHERE k.jour_sortie IS NULL) AS nb_en_cours
    FROM marts.kpi_dms_jour k, parametres p
    WHERE k.jour_sortie IS NULL OR k.jour_sortie BETWEEN p.du AND p.au
    GROUP BY k.service_key
),
hopital AS (
    SELECT CAST(SUM(duree_complete) AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(SUM(nb_sejours_termines), 0) AS dms,
           CAST(SUM(duree_totale) AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(SUM(nb_sejours), 0) AS dms_avec_ambulatoire,
           SUM(nb_sejours_termines) AS nb_sejours_termines,
           SUM(nb_en_cours) AS nb_en_cours
    FROM par_service
),
moyennes AS (
    SELECT service_key, nb_sejours_termines,
           CAST(duree_complete AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(nb_sejours_termines, 0) AS dms_jours,
           CAST(duree_totale AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
               / NULLIF(nb_sejours, 0) AS dms_avec_ambulatoire
    FROM par_service
)
SELECT s.code_service, s.nom_service,
       CAST(COALESCE(m.nb_sejours_termines, 0) AS INTEGER) AS nb_sejours_termines,
       CAST(ROUND(CAST(m.dms_jours AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_jours,
       CAST(ROUND(CAST(m.dms_avec_ambulatoire AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_avec_ambulatoire,
       CAST(ROUND(CAST(h.dms AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_globale,
       CAST(ROUND(CAST(m.dms_jours - h.dms AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS ecart_jours,
       CAST(ROUND(CAST(100.0 * (m.dms_jours - h.dms) / NULLIF(h.dms, 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS ecart_pct,
       CAST(ROUND(CAST(h.dms_avec_ambulatoire AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS hopital_dms_avec_ambulatoire,
       CAST(COALESCE(h.nb_sejours_termines, 0) AS INTEGER) AS hopital_nb_sejours_termines,
       CAST(COALESCE(h.nb_en_cours, 0) AS INTEGER) AS hopital_nb_sejours_en_cours
FROM marts.dim_services s
CROSS JOIN parametres p
CROSS JOIN hopital h
LEFT JOIN moyennes m ON m.service_key = s.service_key
WHERE p.code_service IS NULL OR s.code_service = p.code_service
ORDER BY dms_jours DESC NULLS LAST, s.code_service

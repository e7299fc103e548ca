-- Average length of stay per service, over the stays that ended in the period: full
-- hospitalisation (>= 1 night) and with same-day stays; gap to the hospital's mean (same rule).
-- Sums of marts.kpi_dms_jour (by day of discharge): mean = total seconds / 86400 / stays.
-- $1 du, $2 au, $3 code_service or NULL. `termines` is read twice but not materialized: grouped
-- straight from the table, by its integer key, the grouping uses the column's range (no hash table).
WITH termines AS NOT MATERIALIZED (
    SELECT service_key, nb_sejours, nb_sejours_hospitalisation_complete, duree_totale_secondes,
           duree_hospitalisation_complete_secondes
    FROM marts.kpi_dms_jour
    WHERE jour_sortie BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
),
globale AS (
    SELECT CAST(SUM(duree_hospitalisation_complete_secondes) AS DOUBLE PRECISION)
               / CAST(86400 AS DOUBLE PRECISION) / NULLIF(SUM(nb_sejours_hospitalisation_complete), 0) AS dms
    FROM termines
),
par_service AS (
    SELECT service_key,
           SUM(nb_sejours_hospitalisation_complete) AS nb_sejours_termines,
           CAST(SUM(duree_hospitalisation_complete_secondes) AS DOUBLE PRECISION)
               / CAST(86400 AS DOUBLE PRECISION) / NULLIF(SUM(nb_sejours_hospitalisation_complete), 0) AS dms_jours,
           CAST(SUM(duree_totale_secondes) AS DOUBLE PRECISION)
               / CAST(86400 AS DOUBLE PRECISION) / NULLIF(SUM(nb_sejours), 0) AS dms_avec_ambulatoire
    FROM termines
    GROUP BY service_key
)
SELECT s.code_service, s.nom_service,
       CAST(COALESCE(p.nb_sejours_termines, 0) AS INTEGER) AS nb_sejours_termines,
       CAST(ROUND(CAST(p.dms_jours AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_jours,
       CAST(ROUND(CAST(p.dms_avec_ambulatoire AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_avec_ambulatoire,
       CAST(ROUND(CAST(g.dms AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_globale,
       CAST(ROUND(CAST(p.dms_jours - g.dms AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS ecart_jours,
       CAST(ROUND(CAST(100.0 * (p.dms_jours - g.dms) / NULLIF(g.dms, 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS ecart_pct
FROM marts.dim_services s
CROSS JOIN globale g
LEFT JOIN par_service p ON p.service_key = s.service_key
WHERE CAST($3 AS VARCHAR) IS NULL OR s.code_service = CAST($3 AS VARCHAR)
ORDER BY dms_jours DESC NULLS LAST, s.code_service

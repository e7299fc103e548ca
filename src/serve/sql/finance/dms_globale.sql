-- Hospital-wide DMS over the stays that ended in the period, and the stays still going on, from
-- marts.kpi_dms_jour (in-progress stays are its rows without jour_sortie). $1 du, $2 au; the
-- values enter through the one-row `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS DATE) AS du, CAST($2 AS DATE) AS au
),
totaux AS (
    SELECT SUM(k.nb_sejours) FILTER (WHERE k.jour_sortie IS NOT NULL) AS nb_sejours,
           SUM(k.nb_sejours_hospitalisation_complete) FILTER (WHERE k.jour_sortie IS NOT NULL) AS nb_hospitalisation_complete,
           SUM(k.duree_totale_secondes) FILTER (WHERE k.jour_sortie IS NOT NULL) AS duree_totale,
           SUM(k.duree_hospitalisation_complete_secondes) FILTER (WHERE k.jour_sortie IS NOT NULL) AS duree_hospitalisation_complete,
           SUM(k.nb_sejours) FILTER (WHERE k.jour_sortie IS NULL) AS nb_en_cours
    FROM marts.kpi_dms_jour k, parametres p
    WHERE k.jour_sortie IS NULL OR k.jour_sortie BETWEEN p.du AND p.au
)
SELECT CAST(ROUND(CAST(CAST(duree_hospitalisation_complete AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
                       / NULLIF(nb_hospitalisation_complete, 0) AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_globale,
       CAST(ROUND(CAST(CAST(duree_totale AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
                       / NULLIF(nb_sejours, 0) AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_avec_ambulatoire,
       CAST(COALESCE(nb_hospitalisation_complete, 0) AS INTEGER) AS nb_sejours_termines,
       CAST(COALESCE(nb_en_cours, 0) AS INTEGER) AS nb_sejours_en_cours
FROM totaux

-- Hospital-wide DMS over the stays that ended in the period, and the stays still going on, from
-- marts.kpi_dms_jour (in-progress stays are its rows without jour_sortie). $1 du, $2 au.
WITH totaux AS (
    SELECT SUM(nb_sejours) FILTER (WHERE jour_sortie IS NOT NULL) AS nb_sejours,
           SUM(nb_sejours_hospitalisation_complete) FILTER (WHERE jour_sortie IS NOT NULL) AS nb_hospitalisation_complete,
           SUM(duree_totale_secondes) FILTER (WHERE jour_sortie IS NOT NULL) AS duree_totale,
           SUM(duree_hospitalisation_complete_secondes) FILTER (WHERE jour_sortie IS NOT NULL) AS duree_hospitalisation_complete,
           SUM(nb_sejours) FILTER (WHERE jour_sortie IS NULL) AS nb_en_cours
    FROM marts.kpi_dms_jour
    WHERE jour_sortie IS NULL OR jour_sortie BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
)
SELECT CAST(ROUND(CAST(CAST(duree_hospitalisation_complete AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
                       / NULLIF(nb_hospitalisation_complete, 0) AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_globale,
       CAST(ROUND(CAST(CAST(duree_totale AS DOUBLE PRECISION) / CAST(86400 AS DOUBLE PRECISION)
                       / NULLIF(nb_sejours, 0) AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_avec_ambulatoire,
       CAST(COALESCE(nb_hospitalisation_complete, 0) AS INTEGER) AS nb_sejours_termines,
       CAST(COALESCE(nb_en_cours, 0) AS INTEGER) AS nb_sejours_en_cours
FROM totaux

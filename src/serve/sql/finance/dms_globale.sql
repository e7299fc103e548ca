-- Hospital-wide DMS over the stays that ended in the period, and the stays still going on. $1 du, $2 au.
SELECT CAST(ROUND(CAST(AVG(duree_sejour) FILTER (WHERE statut = 'TERMINE' AND nuitees >= 1
                                       AND CAST(date_sortie AS DATE) BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_globale,
       CAST(ROUND(CAST(AVG(duree_sejour) FILTER (WHERE statut = 'TERMINE'
                                       AND CAST(date_sortie AS DATE) BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS DECIMAL(18, 6)), 2) AS DOUBLE PRECISION) AS dms_avec_ambulatoire,
       CAST(COUNT(*) FILTER (WHERE statut = 'TERMINE' AND nuitees >= 1
                             AND CAST(date_sortie AS DATE) BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) AS INTEGER) AS nb_sejours_termines,
       CAST(COUNT(*) FILTER (WHERE statut = 'EN COURS') AS INTEGER) AS nb_sejours_en_cours
FROM marts.fct_hospitalisations

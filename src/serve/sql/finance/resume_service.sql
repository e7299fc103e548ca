-- Overall cost figures of one service's stays that began in the period, from marts.kpi_couts_jour
-- (sums by day of entry). A patient is counted once: by the stay of the period whose previous
-- entry of the same patient in the service is before the period or absent.
-- $1 du, $2 au, $3 code_service. The placeholders stay in the filter: with their values, DuckDB
-- folds the conditions of the sums (see README.md in this folder).
WITH totaux AS (
    SELECT SUM(nb_sejours) AS nb_sejours,
           SUM(nb_sejours) FILTER (WHERE entree_precedente_service IS NULL
                                      OR entree_precedente_service < CAST($1 AS DATE)) AS nb_patients,
           SUM(cout_total) AS cout_total
    FROM marts.kpi_couts_jour
    WHERE jour_entree BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
      AND code_service = CAST($3 AS VARCHAR)
)
SELECT CAST(COALESCE(nb_sejours, 0) AS INTEGER) AS nb_sejours,
       CAST(COALESCE(nb_patients, 0) AS INTEGER) AS nb_patients,
       CAST(COALESCE(cout_total, 0) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(cout_total / NULLIF(nb_sejours, 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour,
       CAST(ROUND(cout_total / NULLIF(nb_patients, 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_patient
FROM totaux

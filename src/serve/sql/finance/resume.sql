-- Overall cost figures of the stays that began in the period, from marts.kpi_couts_jour (sums by
-- day of entry). A patient is counted once: by the stay of the period whose previous entry of the
-- same patient (in the service when one is chosen) is before the period or absent.
-- $1 du, $2 au, $3 code_service or NULL.
WITH jours AS (
    SELECT nb_sejours, cout_total,
           CASE WHEN CAST($3 AS VARCHAR) IS NULL THEN entree_precedente ELSE entree_precedente_service END AS precedente
    FROM marts.kpi_couts_jour
    WHERE jour_entree BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)
      AND (CAST($3 AS VARCHAR) IS NULL OR code_service = CAST($3 AS VARCHAR))
),
totaux AS (
    SELECT SUM(nb_sejours) AS nb_sejours,
           SUM(CASE WHEN precedente IS NULL OR precedente < CAST($1 AS DATE) THEN nb_sejours ELSE 0 END) AS nb_patients,
           SUM(cout_total) AS cout_total
    FROM jours
)
SELECT CAST(COALESCE(nb_sejours, 0) AS INTEGER) AS nb_sejours,
       CAST(COALESCE(nb_patients, 0) AS INTEGER) AS nb_patients,
       CAST(COALESCE(cout_total, 0) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(cout_total / NULLIF(nb_sejours, 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour,
       CAST(ROUND(cout_total / NULLIF(nb_patients, 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_patient
FROM totaux

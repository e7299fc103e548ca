-- Overall cost figures of the hospital's stays that began in the period, from
-- marts.kpi_couts_jour_hopital (sums by day of entry). A patient is counted once: by the stay of
-- the period whose previous entry of the same patient is before the period or absent.
-- $1 du, $2 au; the values enter through the one-row `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS DATE) AS du, CAST($2 AS DATE) AS au
),
totaux AS (
    SELECT SUM(h.nb_sejours) AS nb_sejours,
           SUM(h.nb_sejours) FILTER (WHERE h.entree_precedente IS NULL OR h.entree_precedente < p.du) AS nb_patients,
           SUM(h.cout_total) AS cout_total
    FROM marts.kpi_couts_jour_hopital h, parametres p
    WHERE h.jour_entree BETWEEN p.du AND p.au
)
SELECT CAST(COALESCE(nb_sejours, 0) AS INTEGER) AS nb_sejours,
       CAST(COALESCE(nb_patients, 0) AS INTEGER) AS nb_patients,
       CAST(COALESCE(cout_total, 0) AS DECIMAL(14, 2)) AS cout_total,
       CAST(ROUND(cout_total / NULLIF(nb_sejours, 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_sejour,
       CAST(ROUND(cout_total / NULLIF(nb_patients, 0), 2) AS DECIMAL(14, 2)) AS cout_moyen_patient
FROM totaux

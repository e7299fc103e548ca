-- Instantaneous occupancy of the hospital (or of one service). $1 code_service or NULL; the value
-- enters through the one-row `parametres` (see README.md in this folder).
WITH parametres AS (
    SELECT CAST($1 AS VARCHAR) AS code_service
)
SELECT CAST(SUM(o.lits_occupes) AS INTEGER) AS lits_occupes,
       CAST(SUM(o.capacite_lits) AS INTEGER) AS capacite_lits,
       CAST(SUM(o.lits_libres) AS INTEGER) AS lits_libres,
       CAST(ROUND(CAST(100.0 * SUM(o.lits_occupes) / NULLIF(SUM(o.capacite_lits), 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation,
       CAST(COUNT(*) FILTER (WHERE o.taux_occupation >= 90) AS INTEGER) AS nb_services_critiques,
       MAX(o.instant_reference) AS instant_reference
FROM marts.kpi_occupation_actuelle o, parametres p
WHERE p.code_service IS NULL OR o.code_service = p.code_service

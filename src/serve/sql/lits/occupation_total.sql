-- Instantaneous occupancy of the hospital (or of one service). $1 code_service or NULL.
SELECT CAST(SUM(lits_occupes) AS INTEGER) AS lits_occupes,
       CAST(SUM(capacite_lits) AS INTEGER) AS capacite_lits,
       CAST(SUM(lits_libres) AS INTEGER) AS lits_libres,
       CAST(ROUND(CAST(100.0 * SUM(lits_occupes) / NULLIF(SUM(capacite_lits), 0) AS DECIMAL(18, 6)), 1) AS DOUBLE PRECISION) AS taux_occupation,
       CAST(COUNT(*) FILTER (WHERE taux_occupation >= 90) AS INTEGER) AS nb_services_critiques,
       MAX(instant_reference) AS instant_reference
FROM marts.kpi_occupation_actuelle
WHERE CAST($1 AS VARCHAR) IS NULL OR code_service = CAST($1 AS VARCHAR)

-- A patient's stays. $1 patient_id, $2 du or NULL, $3 au or NULL, $4 code_service or NULL.
-- The patient's admission numbers come from core.admissions_par_patient (always in patient_id
-- order), then their stays from the fact (kept in admission_key order, cluster_by): the same
-- stays as joining the fact's patient versions (each stay's version is one of its admission's
-- patient). DuckDB carries the values from the joins to the scans, which skip the row groups
-- that cannot hold them (docs/benchmarks.md).
WITH parametres AS (
    SELECT CAST($1 AS INTEGER) AS patient_id, CAST($2 AS DATE) AS du, CAST($3 AS DATE) AS au,
           CAST($4 AS VARCHAR) AS code_service
)
SELECT f.admission_key, f.date_entree, f.date_sortie, s.code_service, s.nom_service, f.motif, f.mode_entree,
       f.score_gravite, f.duree_sejour, f.cout_total, f.statut, f.mutuelle
FROM parametres p
JOIN core.admissions_par_patient a ON a.patient_id = p.patient_id
JOIN marts.fct_hospitalisations f ON f.admission_key = a.admission_id
JOIN marts.dim_services s ON s.service_key = f.service_key
WHERE (p.du IS NULL OR CAST(f.date_entree AS DATE) >= p.du)
  AND (p.au IS NULL OR CAST(f.date_entree AS DATE) <= p.au)
  AND (p.code_service IS NULL OR s.code_service = p.code_service)
ORDER BY f.date_entree, f.admission_key

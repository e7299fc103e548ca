-- A patient's stays. $1 patient_id, $2 du or NULL, $3 au or NULL, $4 code_service or NULL.
-- The stays are found by their admission number in core.fct_admissions_core, whose patient_id
-- is a plain integer column, then read from the fact: the same stays as joining the fact's
-- patient versions (each stay's version is one of its admission's patient), read 8 times faster
-- at scale 100 (docs/benchmarks.md).
SELECT f.admission_key, f.date_entree, f.date_sortie, s.code_service, s.nom_service, f.motif, f.mode_entree,
       f.score_gravite, f.duree_sejour, f.cout_total, f.statut, f.mutuelle
FROM marts.fct_hospitalisations f
JOIN marts.dim_services s ON s.service_key = f.service_key
WHERE f.admission_key IN (SELECT a.admission_id FROM core.fct_admissions_core a
                          WHERE a.patient_id = CAST($1 AS INTEGER))
  AND (CAST($2 AS DATE) IS NULL OR CAST(f.date_entree AS DATE) >= CAST($2 AS DATE))
  AND (CAST($3 AS DATE) IS NULL OR CAST(f.date_entree AS DATE) <= CAST($3 AS DATE))
  AND (CAST($4 AS VARCHAR) IS NULL OR s.code_service = CAST($4 AS VARCHAR))
ORDER BY f.date_entree, f.admission_key

-- Patients matching a search, current version. $1 text (pseudonym, or name prefix when $3),
-- $2 patient number or NULL, $3 whether names may be searched.
WITH pseudos AS (
    SELECT DISTINCT c.patient_id, d.patient_pseudo
    FROM core.dim_patients_scd c
    JOIN marts.dim_patients d ON d.patient_key = c.patient_key
),
versions AS (
    SELECT patient_id, COUNT(*) AS nb_versions FROM core.v_historique_patient GROUP BY patient_id
)
SELECT h.patient_id, p.patient_pseudo, h.nom, h.prenom, h.date_naissance, h.adresse, h.mutuelle,
       CAST(v.nb_versions AS INTEGER) AS nb_versions
FROM core.v_historique_patient h
JOIN versions v ON v.patient_id = h.patient_id
LEFT JOIN pseudos p ON p.patient_id = h.patient_id
WHERE h.version_courante
  AND (h.patient_id = CAST($2 AS INTEGER)
       OR p.patient_pseudo = CAST($1 AS VARCHAR)
       OR (CAST($3 AS BOOLEAN) AND (LOWER(h.nom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
                                    OR LOWER(h.prenom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
                                    OR LOWER(h.nom || ' ' || h.prenom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
                                    OR LOWER(h.prenom || ' ' || h.nom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%')))
ORDER BY h.nom, h.prenom, h.patient_id
LIMIT 50

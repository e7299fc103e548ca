-- Patients matching a search, current version. $1 text (pseudonym, or name prefix when $3),
-- $2 patient number or NULL, $3 whether names may be searched. The first 50 matches are found
-- first; their pseudonyms and numbers of versions are read for them only (not for every patient).
WITH trouves AS (
    SELECT h.patient_id, h.nom, h.prenom, h.date_naissance, h.adresse, h.mutuelle
    FROM core.v_historique_patient h
    WHERE h.version_courante
      AND (h.patient_id = CAST($2 AS INTEGER)
           OR h.patient_id IN (SELECT c.patient_id
                               FROM marts.dim_patients d
                               JOIN core.dim_patients_scd c ON c.patient_key = d.patient_key
                               WHERE d.patient_pseudo = CAST($1 AS VARCHAR))
           OR (CAST($3 AS BOOLEAN) AND (LOWER(h.nom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
                                        OR LOWER(h.prenom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
                                        OR LOWER(h.nom || ' ' || h.prenom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
                                        OR LOWER(h.prenom || ' ' || h.nom) LIKE LOWER(CAST($1 AS VARCHAR)) || '%')))
    ORDER BY h.nom, h.prenom, h.patient_id
    LIMIT 50
),
pseudos AS (
    SELECT DISTINCT c.patient_id, d.patient_pseudo
    FROM core.dim_patients_scd c
    JOIN marts.dim_patients d ON d.patient_key = c.patient_key
    WHERE c.patient_id IN (SELECT patient_id FROM trouves)
),
versions AS (
    SELECT patient_id, COUNT(*) AS nb_versions
    FROM core.v_historique_patient
    WHERE patient_id IN (SELECT patient_id FROM trouves)
    GROUP BY patient_id
)
SELECT t.patient_id, p.patient_pseudo, t.nom, t.prenom, t.date_naissance, t.adresse, t.mutuelle,
       CAST(v.nb_versions AS INTEGER) AS nb_versions
FROM trouves t
JOIN versions v ON v.patient_id = t.patient_id
LEFT JOIN pseudos p ON p.patient_id = t.patient_id
ORDER BY t.nom, t.prenom, t.patient_id

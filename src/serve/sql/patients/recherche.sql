-- Patients found by the start of a name, current version. $1 text: the start of "nom prénom" or
-- "prénom nom", any case; $2 whether names may be searched (no row otherwise). The text is the
-- start of a name key of core.recherche_patients (kept in key order): LIKE with the text's prefix
-- lets DuckDB read only the row groups that can hold it, so the placeholder stays in the filter (a
-- new plan each time, worth it). The first 100 keys in the page's order are found on four columns
-- (a patient has two name keys), then the rows of the first 50 patients among them.
WITH premiers AS (
    SELECT r.cle, r.patient_id, r.nom, r.prenom
    FROM core.recherche_patients r
    WHERE r.cle LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
      AND CAST($2 AS BOOLEAN)
      AND r.genre <> 'pseudo'
    ORDER BY r.nom, r.prenom, r.patient_id
    LIMIT 100
)
SELECT DISTINCT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle,
       r.nb_versions
FROM premiers p
JOIN core.recherche_patients r ON r.cle = p.cle AND r.patient_id = p.patient_id
ORDER BY r.nom, r.prenom, r.patient_id
LIMIT 50

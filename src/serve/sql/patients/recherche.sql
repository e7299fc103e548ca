-- Patients found by the start of a name, current version. $1 text: the start of "nom prénom" or
-- "prénom nom", any case; $2 whether names may be searched (no row otherwise). The text is the
-- start of a name key of core.recherche_patients (kept in key order). Its first three characters
-- as a number (the model's macro prefix_number; a character missing from a shorter text counts
-- as 0 in the low bound, as the highest code point in the high one) bound `cle_debut`, then LIKE
-- with the text's prefix: with constants, DuckDB reads only the row groups that can hold them,
-- and compares numbers before strings in the rows appended out of order, so the placeholder
-- stays in the filter (a new plan each time, worth it). The first 100 keys in the page's order
-- are found on five columns (a patient has two name keys), then the rows of the first 50
-- patients among them.
WITH premiers AS (
    SELECT r.cle, r.cle_debut, r.patient_id, r.nom, r.prenom
    FROM core.recherche_patients r
    WHERE r.cle_debut BETWEEN ascii(substr(LOWER(CAST($1 AS VARCHAR)), 1, 1)) * CAST(4398046511104 AS BIGINT)
                              + ascii(substr(LOWER(CAST($1 AS VARCHAR)), 2, 1)) * CAST(2097152 AS BIGINT)
                              + ascii(substr(LOWER(CAST($1 AS VARCHAR)), 3, 1))
                          AND ascii(substr(LOWER(CAST($1 AS VARCHAR)), 1, 1)) * CAST(4398046511104 AS BIGINT)
                              + COALESCE(NULLIF(ascii(substr(LOWER(CAST($1 AS VARCHAR)), 2, 1)), 0), 1114111) * CAST(2097152 AS BIGINT)
                              + COALESCE(NULLIF(ascii(substr(LOWER(CAST($1 AS VARCHAR)), 3, 1)), 0), 1114111)
      AND r.cle LIKE LOWER(CAST($1 AS VARCHAR)) || '%'
      AND CAST($2 AS BOOLEAN)
      AND r.genre <> 'pseudo'
    ORDER BY r.nom, r.prenom, r.patient_id
    LIMIT 100
)
SELECT DISTINCT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle,
       r.nb_versions
FROM premiers p
JOIN core.recherche_patients r ON r.cle_debut = p.cle_debut AND r.cle = p.cle AND r.patient_id = p.patient_id
ORDER BY r.nom, r.prenom, r.patient_id
LIMIT 50

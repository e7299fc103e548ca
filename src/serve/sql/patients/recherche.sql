-- Patients found by the start of a name, current version. $1 the start of "nom prénom" or
-- "prénom nom" in lower case (patients/minuscules.sql); $2 whether names may be searched (no row
-- otherwise); $3 and $4 the bounds of `cle_debut` for that start (the number of its first three
-- characters, the model's macro prefix_number; computed by the server, serve/search_keys.h).
-- core.recherche_patients is kept in key order. The values stay in the filter: DuckDB plans the
-- query again with them as constants and reads only the row groups that can hold them, comparing
-- numbers before strings in the rows appended out of order. The plan is short because the values
-- come ready: the expressions that computed them here cost more to plan than the query to run.
-- The first 100 keys in the page's order are found on five columns, then their rows. A patient
-- whose name and first name both start with the text comes twice, side by side (four times when
-- they are the same: such a key joins two rows, hence 200). The server keeps each patient's
-- first row, 50 at most (serve/search_results.h): cheaper than DISTINCT here (0.4 ms of 2.8 at
-- scale 100, most of it planning, which DuckDB does again for each search).
WITH premiers AS (
    SELECT r.cle, r.cle_debut, r.patient_id, r.nom, r.prenom
    FROM core.recherche_patients r
    WHERE r.cle_debut BETWEEN CAST($3 AS BIGINT) AND CAST($4 AS BIGINT)
      AND r.cle LIKE CAST($1 AS VARCHAR) || '%'
      AND CAST($2 AS BOOLEAN)
      AND r.genre <> 'pseudo'
    ORDER BY r.nom, r.prenom, r.patient_id
    LIMIT 100
)
SELECT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle,
       r.nb_versions
FROM premiers p
JOIN core.recherche_patients r ON r.cle_debut = p.cle_debut AND r.cle = p.cle AND r.patient_id = p.patient_id
ORDER BY r.nom, r.prenom, r.patient_id
LIMIT 200

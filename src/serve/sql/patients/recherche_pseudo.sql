-- The patient with a pseudonym, current version. $1 the pseudonym in lower case (32 hexadecimal
-- digits); $2 the number of its first three characters (`cle_debut`, the model's macro
-- prefix_number; computed by the server, serve/search_keys.h). Found under its 'pseudo' key in
-- core.recherche_patients (kept in key order): with the values as constants, DuckDB reads only
-- the row group that can hold them, and compares numbers before strings in the rows appended out
-- of order.
SELECT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle, r.nb_versions
FROM core.recherche_patients r
WHERE r.cle_debut = CAST($2 AS BIGINT)
  AND r.cle = CAST($1 AS VARCHAR)
  AND r.genre = 'pseudo'

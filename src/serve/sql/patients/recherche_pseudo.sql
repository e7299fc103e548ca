-- The patient with a pseudonym, current version. $1 pseudonym (32 hexadecimal digits, any case).
-- Found under its 'pseudo' key in core.recherche_patients (kept in key order) through
-- `parametres`: DuckDB carries the values from the join to the scan, which reads only the row
-- group that can hold them, and compares the number of the key's first three characters
-- (`cle_debut`, the model's macro prefix_number) before the key in the rows appended out of order.
WITH parametres AS (
    SELECT LOWER(CAST($1 AS VARCHAR)) AS pseudo,
           ascii(substr(LOWER(CAST($1 AS VARCHAR)), 1, 1)) * CAST(4398046511104 AS BIGINT)
           + ascii(substr(LOWER(CAST($1 AS VARCHAR)), 2, 1)) * CAST(2097152 AS BIGINT)
           + ascii(substr(LOWER(CAST($1 AS VARCHAR)), 3, 1)) AS debut
)
SELECT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle, r.nb_versions
FROM parametres p
JOIN core.recherche_patients r ON r.cle_debut = p.debut AND r.cle = p.pseudo
WHERE r.genre = 'pseudo'

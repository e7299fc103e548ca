-- The patient with a pseudonym, current version. $1 pseudonym (32 hexadecimal digits, any case).
-- Found under its 'pseudo' key in core.recherche_patients (kept in key order) through
-- `parametres`: DuckDB carries the value from the join to the scan, which reads only the row
-- group that can hold it.
WITH parametres AS (
    SELECT LOWER(CAST($1 AS VARCHAR)) AS pseudo
)
SELECT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle, r.nb_versions
FROM parametres p
JOIN core.recherche_patients r ON r.cle = p.pseudo
WHERE r.genre = 'pseudo'

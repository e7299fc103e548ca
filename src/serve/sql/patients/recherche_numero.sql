-- The patient with a number, current version. $1 patient_id. The current version is found in
-- core.dim_patients_scd (kept in patient_id order), then the patient's row in
-- core.recherche_patients under its 'nom' key (kept in key order), which holds the pseudonym and
-- the number of versions: DuckDB carries each join's value to the scan of the other side, which
-- reads only the row groups that can hold it.
WITH parametres AS (
    SELECT CAST($1 AS INTEGER) AS patient_id
),
courant AS (
    SELECT v.patient_id, LOWER(v.nom || ' ' || v.prenom) AS cle
    FROM parametres p
    JOIN core.dim_patients_scd v ON v.patient_id = p.patient_id
    WHERE v.dbt_is_current
)
SELECT r.patient_id, r.patient_pseudo, r.nom, r.prenom, r.date_naissance, r.adresse, r.mutuelle, r.nb_versions
FROM courant c
JOIN core.recherche_patients r ON r.cle = c.cle AND r.patient_id = c.patient_id AND r.genre = 'nom'

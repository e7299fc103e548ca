-- Every version of a patient's record, oldest first. $1 patient_id, $2 date or NULL (marks the
-- version in force at the end of that day). The patient's rows are found through `parametres`:
-- DuckDB carries the number from the join to the scan, which skips the row groups of
-- core.dim_patients_scd (kept in patient_id order, cluster_by) that cannot hold it.
WITH parametres AS (
    SELECT CAST($1 AS INTEGER) AS patient_id, CAST($2 AS DATE) + INTERVAL '1 day' AS fin_du_jour
)
SELECT h.numero_version, h.valide_du, h.valide_au, h.version_courante,
       CASE WHEN p.fin_du_jour IS NULL THEN NULL
            ELSE h.valide_du < p.fin_du_jour AND (h.valide_au IS NULL OR h.valide_au >= p.fin_du_jour) END AS en_vigueur_a_la_date,
       h.nom, h.prenom, h.date_naissance, h.adresse, h.mutuelle, h.telephone, h.email
FROM parametres p
JOIN core.v_historique_patient h ON h.patient_id = p.patient_id
ORDER BY h.numero_version

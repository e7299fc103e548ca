-- Every version of a patient's record, oldest first. $1 patient_id, $2 date or NULL (marks the
-- version in force at the end of that day).
SELECT numero_version, valide_du, valide_au, version_courante,
       CASE WHEN CAST($2 AS DATE) IS NULL THEN NULL
            ELSE valide_du < CAST($2 AS DATE) + INTERVAL '1 day'
                 AND (valide_au IS NULL OR valide_au >= CAST($2 AS DATE) + INTERVAL '1 day') END AS en_vigueur_a_la_date,
       nom, prenom, date_naissance, adresse, mutuelle, telephone, email
FROM core.v_historique_patient
WHERE patient_id = CAST($1 AS INTEGER)
ORDER BY numero_version

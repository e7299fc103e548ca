INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie, mode_entree, score_gravite, motif,
                        cout_total, date_creation, date_modification)
VALUES ($1, $2, $3::timestamp, $4::timestamp, $5, $6, $7, $8, $3::timestamp, coalesce($4::timestamp, $3::timestamp));

-- date_creation is the simulated instant; date_modification keeps its default now(): incremental
-- extraction selects changed rows by the real time of the change.
INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie, mode_entree, score_gravite, motif,
                        cout_total, date_creation)
VALUES ($1, $2, $3::timestamp, $4::timestamp, $5, $6, $7, $8, $3::timestamp);

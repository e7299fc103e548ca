-- Stays in progress at the start of the simulated day, oldest first.
SELECT a.id, a.service_id, a.patient_id, a.date_entree::text, a.score_gravite
FROM admissions a
WHERE a.date_sortie IS NULL
ORDER BY a.id;

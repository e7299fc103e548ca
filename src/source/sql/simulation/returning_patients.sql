-- Patients discharged within the 90 days before $1 and not in house now, per service they left:
-- the candidates for a readmission. Read once per simulated day.
SELECT DISTINCT a.service_id, p.id, p.sexe, p.date_naissance::text
FROM admissions a
JOIN patients p ON p.id = a.patient_id
WHERE a.date_sortie > $1::timestamp - INTERVAL '90 days'
  AND a.date_sortie <= $1::timestamp
  AND NOT EXISTS (SELECT 1 FROM admissions b WHERE b.patient_id = p.id AND b.date_sortie IS NULL)
ORDER BY a.service_id, p.id;

-- Patients discharged from service $1 within the 90 days before $2 and not in house now:
-- candidates for a readmission.
SELECT DISTINCT p.id, p.sexe, p.date_naissance::text
FROM admissions a
JOIN patients p ON p.id = a.patient_id
WHERE a.service_id = $1
  AND a.date_sortie > $2::timestamp - INTERVAL '90 days'
  AND a.date_sortie <= $2::timestamp
  AND NOT EXISTS (SELECT 1 FROM admissions b WHERE b.patient_id = p.id AND b.date_sortie IS NULL)
ORDER BY p.id;

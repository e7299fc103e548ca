-- Right to erasure: only a patient with no stay in progress. The deletion log records the
-- patient and, through the cascade, each of their admissions. Returns the admissions removed.
WITH stays AS (
    SELECT count(*) AS n FROM admissions WHERE patient_id = $1
), gone AS (
    DELETE FROM patients p
    WHERE p.id = $1
      AND NOT EXISTS (SELECT 1 FROM admissions a WHERE a.patient_id = p.id AND a.date_sortie IS NULL)
    RETURNING p.id
)
SELECT (SELECT n FROM stays) FROM gone;

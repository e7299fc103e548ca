-- Bulk load: secondary indexes and foreign keys are rebuilt once after the COPY
-- (inside the same transaction, so nobody ever sees the tables without them).
ALTER TABLE admissions DROP CONSTRAINT admissions_patient_id_fkey;
ALTER TABLE admissions DROP CONSTRAINT admissions_service_id_fkey;
DROP INDEX idx_patients_nom;
DROP INDEX idx_patients_date_naissance;
DROP INDEX idx_patients_date_modification;
DROP INDEX idx_admissions_patient;
DROP INDEX idx_admissions_service;
DROP INDEX idx_admissions_dates;
DROP INDEX idx_admissions_date_modification;
DROP INDEX idx_admissions_en_cours;
DROP INDEX idx_stocks_date_modification;

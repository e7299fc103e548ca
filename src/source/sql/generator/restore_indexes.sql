-- Same definitions as migrations/001_schema.sql.
CREATE INDEX idx_patients_nom ON patients (nom);
CREATE INDEX idx_patients_date_naissance ON patients (date_naissance);
CREATE INDEX idx_patients_date_modification ON patients (date_modification);
CREATE INDEX idx_admissions_patient ON admissions (patient_id);
CREATE INDEX idx_admissions_service ON admissions (service_id);
CREATE INDEX idx_admissions_dates ON admissions (date_entree, date_sortie);
CREATE INDEX idx_admissions_date_modification ON admissions (date_modification);
CREATE INDEX idx_admissions_en_cours ON admissions (service_id) WHERE date_sortie IS NULL;
CREATE INDEX idx_stocks_date_modification ON stocks_medicaments (date_modification);
ALTER TABLE admissions ADD CONSTRAINT admissions_patient_id_fkey
    FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE;
ALTER TABLE admissions ADD CONSTRAINT admissions_service_id_fkey
    FOREIGN KEY (service_id) REFERENCES services (id) ON DELETE RESTRICT;

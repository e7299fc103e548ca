-- date_modification always tells when a row last changed, and every deletion is logged,
-- so that incremental extraction sees updates and deletes.

CREATE FUNCTION maj_date_modification() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.date_modification := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER trg_services_date_modification BEFORE UPDATE ON services
    FOR EACH ROW EXECUTE FUNCTION maj_date_modification();
CREATE TRIGGER trg_patients_date_modification BEFORE UPDATE ON patients
    FOR EACH ROW EXECUTE FUNCTION maj_date_modification();
CREATE TRIGGER trg_admissions_date_modification BEFORE UPDATE ON admissions
    FOR EACH ROW EXECUTE FUNCTION maj_date_modification();
CREATE TRIGGER trg_stocks_date_modification BEFORE UPDATE ON stocks_medicaments
    FOR EACH ROW EXECUTE FUNCTION maj_date_modification();

CREATE TABLE journal_suppressions (
    id             BIGSERIAL   PRIMARY KEY,
    nom_table      TEXT        NOT NULL,
    ligne_id       INTEGER     NOT NULL,
    date_suppression TIMESTAMPTZ NOT NULL DEFAULT now(),
    donnees        JSONB       NOT NULL
);
CREATE INDEX idx_journal_suppressions_date ON journal_suppressions (date_suppression);

CREATE FUNCTION journaliser_suppression() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO journal_suppressions (nom_table, ligne_id, donnees)
    VALUES (TG_TABLE_NAME, OLD.id, to_jsonb(OLD));
    RETURN OLD;
END;
$$;

CREATE TRIGGER trg_services_suppression AFTER DELETE ON services
    FOR EACH ROW EXECUTE FUNCTION journaliser_suppression();
CREATE TRIGGER trg_patients_suppression AFTER DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION journaliser_suppression();
CREATE TRIGGER trg_admissions_suppression AFTER DELETE ON admissions
    FOR EACH ROW EXECUTE FUNCTION journaliser_suppression();
CREATE TRIGGER trg_stocks_suppression AFTER DELETE ON stocks_medicaments
    FOR EACH ROW EXECUTE FUNCTION journaliser_suppression();

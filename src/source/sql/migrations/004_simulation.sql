-- State kept by the day-by-day simulator only (not part of the hospital's own schema):
-- pharmacy orders placed and not yet delivered. Extraction ignores the "simulation" schema.
CREATE SCHEMA simulation;

CREATE TABLE simulation.commandes_en_cours (
    medicament_id  INTEGER   PRIMARY KEY REFERENCES stocks_medicaments (id) ON DELETE CASCADE,
    quantite       INTEGER   NOT NULL CHECK (quantite > 0),
    date_commande  TIMESTAMP NOT NULL,
    date_livraison TIMESTAMP NOT NULL
);

-- Instant stamped on changed and deleted rows: the hospital clock while the simulator runs
-- (it sets healthflow.horloge_simulee = 'on' in its transactions), else the real time.
CREATE FUNCTION horodatage() RETURNS TIMESTAMPTZ
LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN current_setting('healthflow.horloge_simulee', true) = 'on'
        THEN coalesce((SELECT instant::timestamptz FROM horloge_simulation), now())
        ELSE now()
    END
$$;

CREATE OR REPLACE FUNCTION maj_date_modification() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.date_modification := horodatage();
    RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION journaliser_suppression() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO journal_suppressions (nom_table, ligne_id, date_suppression, donnees)
    VALUES (TG_TABLE_NAME, OLD.id, horodatage(), to_jsonb(OLD));
    RETURN OLD;
END;
$$;

-- State kept by the day-by-day simulator only (not part of the hospital's own schema):
-- pharmacy orders placed and not yet delivered. Extraction ignores the "simulation" schema.
CREATE SCHEMA simulation;

CREATE TABLE simulation.commandes_en_cours (
    medicament_id  INTEGER   PRIMARY KEY REFERENCES stocks_medicaments (id) ON DELETE CASCADE,
    quantite       INTEGER   NOT NULL CHECK (quantite > 0),
    date_commande  TIMESTAMP NOT NULL,
    date_livraison TIMESTAMP NOT NULL
);

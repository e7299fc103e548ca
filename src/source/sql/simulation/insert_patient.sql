-- date_creation is the simulated instant; date_modification keeps its default now(): incremental
-- extraction selects changed rows by the real time of the change.
INSERT INTO patients (nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, email,
                      date_creation)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
RETURNING id;

INSERT INTO patients (nom, prenom, sexe, date_naissance, adresse, mutuelle, telephone, email,
                      date_creation, date_modification)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
RETURNING id;

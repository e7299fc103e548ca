-- The pharmacy at the start of the day, with any order in progress.
SELECT s.id, s.quantite, s.seuil_alerte, s.conso_jour_moyenne::float8, s.delai_livraison_jours,
       s.prix_unitaire::float8, c.quantite AS commande, c.date_livraison::text
FROM stocks_medicaments s
LEFT JOIN simulation.commandes_en_cours c ON c.medicament_id = s.id
ORDER BY s.id;

-- Orders placed today: $1 medicament ids, $2 quantities, $3 order instant, $4 delivery instants.
INSERT INTO simulation.commandes_en_cours (medicament_id, quantite, date_commande, date_livraison)
SELECT v.id, v.quantite, $3::timestamp, v.date_livraison
FROM unnest($1::integer[], $2::integer[], $4::timestamp[]) AS v (id, quantite, date_livraison);

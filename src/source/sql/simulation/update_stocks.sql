-- Quantities and prices after the day: $1 ids, $2 quantite, $3 prix_unitaire.
UPDATE stocks_medicaments s
SET quantite = v.quantite, prix_unitaire = v.prix_unitaire
FROM unnest($1::integer[], $2::integer[], $3::numeric[]) AS v (id, quantite, prix_unitaire)
WHERE s.id = v.id;

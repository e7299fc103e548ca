-- The ten most urgent stock alerts: URGENT first, vital items first, then the largest deficit value.
SELECT nom_medicament, classe_ven, quantite, seuil_alerte, deficit, niveau_alerte, valeur_deficit
FROM v_alertes_stocks
ORDER BY niveau_alerte DESC, classe_ven DESC, valeur_deficit DESC, id
LIMIT 10;

-- Medications at or below their alert threshold, most critical first (the mart's order).
SELECT nom_medicament, niveau, quantite, seuil_alerte, deficit, quantite_a_commander
FROM marts.kpi_alertes_stocks
ORDER BY CASE niveau WHEN 'RUPTURE' THEN 0 WHEN 'URGENT' THEN 1 ELSE 2 END,
         CASE classe_ven WHEN 'V' THEN 0 WHEN 'E' THEN 1 ELSE 2 END,
         jours_couverture NULLS FIRST, nom_medicament

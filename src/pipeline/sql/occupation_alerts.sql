-- Services at or above 90 % bed occupancy at the hospital's reference instant.
SELECT code_service, nom_service, lits_occupes, capacite_lits, taux_occupation, bande
FROM marts.kpi_occupation_actuelle
WHERE taux_occupation >= 90
ORDER BY taux_occupation DESC, code_service

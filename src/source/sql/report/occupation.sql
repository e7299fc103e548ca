-- Beds occupied now (at the hospital clock) per service.
SELECT nom_service, capacite_lits, lits_occupes, taux_occupation
FROM v_occupation_services
ORDER BY taux_occupation DESC, nom_service;

-- Services offered in the service filter.
SELECT code_service, nom_service, capacite_lits, actif
FROM marts.dim_services
ORDER BY nom_service, code_service

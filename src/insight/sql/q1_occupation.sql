-- Q1: services at or above 90 % of their beds now (instantaneous occupancy at the reference
-- instant), their free beds and the period occupancy of the last 7 and 30 days.
-- $1: a service code to show whatever its rate (NULL = every service at or above 90 %).
select
    code_service as "Service",
    nom_service as "Nom",
    capacite_lits as "Lits",
    lits_occupes as "Occupés",
    lits_libres as "Libres",
    cast(taux_occupation as decimal(6,1)) as "Taux actuel (%)",
    cast(taux_7j as decimal(6,1)) as "Taux 7 j (%)",
    cast(taux_30j as decimal(6,1)) as "Taux 30 j (%)",
    bande as "Bande",
    instant_reference as "Instant"
from marts.kpi_occupation_actuelle
where (cast($1 as varchar) is null and taux_occupation >= 90)
   or code_service = upper(cast($1 as varchar))
order by taux_occupation desc, code_service

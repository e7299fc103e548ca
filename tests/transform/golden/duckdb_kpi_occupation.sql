-- seuil 90.0 % (duckdb/duckdb)
with occupation as (
    select
        id_service, nom_service,
        capacite_lits,
        count(s.id_admission) as lits_occupes
    from "main_staging"."stg_services" sv
    left join "main_marts"."fct_sejours" s using (id_service)
    group by id_service, nom_service, capacite_lits
),
taux as (
    select
        *,
        cast(lits_occupes as double) / nullif(capacite_lits, 0) as taux
    from occupation
)
select
    *,
    case
        when taux >= 0.9 then 'critique'
        when taux >= 0.8 then 'tendu'
        else 'normal'
    end as niveau,
    'CHU' as etablissement,
    true as compile_execute
from taux
-- Every stay carries a version of its own patient whose window holds its entry (the patient's
-- first version also covers stays before it). Reads the fact and the marts' patient dimension,
-- which are not each other's ancestors.
with versions as (
    select
        patient_key,
        patient_pseudo,
        dbt_valid_from,
        dbt_valid_to,
        row_number() over (partition by patient_pseudo order by dbt_valid_from) as numero_version
    from {{ ref('dim_patients') }}
)
select f.admission_key
from {{ ref('fct_hospitalisations') }} f
left join versions v on v.patient_key = f.patient_key
where v.patient_key is null
   or v.patient_pseudo <> f.patient_pseudo
   or (v.numero_version > 1 and f.date_entree < v.dbt_valid_from)
   or (v.dbt_valid_to is not null and f.date_entree >= v.dbt_valid_to)

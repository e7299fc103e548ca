-- Every stay carries a version of its own patient whose window holds its entry (the patient's
-- first version also covers stays before it). Reads the fact and the marts' patient dimension,
-- which are not each other's ancestors.
-- A version is not its patient's first when another version of the same pseudonym starts before
-- it; only the versions that start after the entry of one of their stays need that check, so it
-- runs on those few instead of numbering every version. (Two versions of a patient starting at
-- the same instant have the same patient_key, which unique_dim_patients_patient_key reports.)
with stays as materialized (
    select
        f.admission_key,
        f.patient_pseudo as pseudo_sejour,
        f.date_entree,
        v.patient_key,
        v.patient_pseudo,
        v.dbt_valid_from,
        v.dbt_valid_to
    from {{ ref('fct_hospitalisations') }} f
    left join {{ ref('dim_patients') }} v on v.patient_key = f.patient_key
),
later_versions as (
    select v.patient_key
    from {{ ref('dim_patients') }} v
    where v.patient_key in (select s.patient_key from stays s where s.date_entree < s.dbt_valid_from)
      and exists (select 1
                  from {{ ref('dim_patients') }} w
                  where w.patient_pseudo = v.patient_pseudo
                    and w.dbt_valid_from < v.dbt_valid_from)
)
select admission_key
from stays
where patient_key is null
   or patient_pseudo <> pseudo_sejour
   or (date_entree < dbt_valid_from and patient_key in (select l.patient_key from later_versions l))
   or (dbt_valid_to is not null and date_entree >= dbt_valid_to)

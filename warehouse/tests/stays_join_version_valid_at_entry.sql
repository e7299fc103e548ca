-- Every stay carries the patient version whose window holds its entry (the first version also
-- covers stays before it), and that version is the patient's own.
select f.admission_key
from {{ ref('fct_hospitalisations') }} f
join {{ ref('fct_admissions_core') }} a on a.admission_id = f.admission_key
left join {{ ref('dim_patients_scd') }} d on d.patient_key = f.patient_key
where d.patient_key is null
   or d.patient_id <> a.patient_id
   or (d.numero_version > 1 and f.date_entree < d.dbt_valid_from)
   or (d.dbt_valid_to is not null and f.date_entree >= d.dbt_valid_to)

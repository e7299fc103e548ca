-- Every patient known now has exactly one current version; no patient has more than one.
select p.patient_id, count(d.patient_key) as current_versions
from {{ ref('stg_patients_clean') }} p
left join {{ ref('dim_patients_scd') }} d on d.patient_id = p.patient_id and d.dbt_is_current
group by p.patient_id
having count(d.patient_key) <> 1
union all
select patient_id, count(*)
from {{ ref('dim_patients_scd') }}
where dbt_is_current
group by patient_id
having count(*) > 1

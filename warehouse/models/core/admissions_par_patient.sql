-- Each patient's admission numbers, in patient order: the patient page finds a patient's stays
-- here. A narrow table rebuilt whole at every build (a quarter of a second for 2.8 M stays), so
-- that it is always in order, where core.fct_admissions_core receives each day's stays of every
-- patient after its ordered part.
{{ config(materialized='table', cluster_by=['patient_id', 'admission_id']) }}
select patient_id, admission_id
from {{ ref('fct_admissions_core') }}

-- Every stay known now, cleaned, at the operational grain (one row per admission).
select
    admission_id,
    patient_id,
    service_id,
    date_entree,
    date_sortie,
    mode_entree,
    score_gravite,
    motif,
    cout_total,
    date_modification
from {{ ref('stg_admissions_clean') }}

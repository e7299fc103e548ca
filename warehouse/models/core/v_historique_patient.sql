{{ config(materialized='view') }}
-- The one relation that gives a patient's identity with its history (question 5). Marts carry
-- no identity; a role that must not see identities is not granted schema core.
select
    patient_id,
    nom,
    prenom,
    date_naissance,
    adresse,
    mutuelle,
    telephone,
    email,
    dbt_valid_from as valide_du,
    dbt_valid_to as valide_au,
    dbt_is_current as version_courante,
    numero_version
from {{ ref('dim_patients_scd') }}

{{
    config(
        materialized='table',
        unique_key='id_patient',
        tags=['patients']
    )
}}
select
    {{ dbt_utils.generate_surrogate_key(['id_patient', 'updated_at']) }} as cle_patient,
    id_patient,
    nom,
    prenom,
    {{ dbt.concat(["nom", "' '", "prenom"]) }} as nom_complet,
    cast({{ dbt.date_trunc('month', 'date_naissance') }} as date) as mois_naissance
from {{ ref('stg_patients') }}

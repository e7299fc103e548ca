
select
    md5(cast(coalesce(cast(id_patient as text), '_dbt_utils_surrogate_key_null_') || '-' || coalesce(cast(updated_at as text), '_dbt_utils_surrogate_key_null_') as text)) as cle_patient,
    id_patient,
    nom,
    prenom,
    nom || ' ' || prenom as nom_complet,
    cast(date_trunc('month', date_naissance) as date) as mois_naissance
from "analytics_staging"."stg_patients"
-- Pharmacy lines: the latest extracted version of each medication, names trimmed, VEN class and
-- unit normalised.
{{
    config(
        materialized='incremental',
        unique_key='medicament_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_tombstoned(source('healthflow', 'stg_stocks_medicaments'), 'medicament_id') }}"
    )
}}
with latest as (
    select * from {{ changed_latest_versions(source('healthflow', 'stg_stocks_medicaments')) }} s
)
select
    cast(id as integer) as medicament_id,
    trim(nom_medicament) as nom_medicament,
    upper(trim(classe_ven)) as classe_ven,
    cast(quantite as integer) as quantite,
    cast(seuil_alerte as integer) as seuil_alerte,
    cast(prix_unitaire as decimal(12,2)) as prix_unitaire,
    lower(trim(unite)) as unite,
    cast(conso_jour_moyenne as decimal(12,2)) as conso_jour_moyenne,
    cast(delai_livraison_jours as integer) as delai_livraison_jours,
    {{ to_hospital_time('date_creation') }} as date_creation,
    {{ to_hospital_time('date_modification') }} as date_modification,
    _extracted_at,
    _source_system,
    _extraction_batch_id,
    _loaded_at
from latest

-- Every stay known now, cleaned, at the operational grain (one row per admission). Incremental:
-- a build rewrites the stays loaded into staging since the newest `_loaded_at` it holds, and its
-- pre_hook removes the stays whose tombstone arrived since (erasures).
{{
    config(
        materialized='incremental',
        unique_key='admission_id',
        incremental_strategy='delete+insert',
        on_schema_change='append_new_columns',
        pre_hook="{{ delete_tombstoned(source('healthflow', 'stg_admissions'), 'admission_id') }}"
    )
}}
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
    date_modification,
    _loaded_at
from {{ ref('stg_admissions_clean') }}
{% if is_incremental() %}
where _loaded_at > {{ loaded_watermark() }}
{% endif %}

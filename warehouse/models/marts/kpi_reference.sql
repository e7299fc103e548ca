-- The hospital's "now": the latest event in the data (an entry or an exit), unless the var
-- reference_instant overrides it. Every "current" KPI is computed at this instant.
with events as (
    select max(date_entree) as instant from {{ ref('fct_admissions_core') }}
    union all
    select max(date_sortie) from {{ ref('fct_admissions_core') }}
),
reference as (
    select
        {% if var('reference_instant', none) %}
        cast('{{ var("reference_instant") }}' as timestamp)
        {% else %}
        (select max(instant) from events)
        {% endif %} as instant_reference
)
select
    instant_reference,
    cast(instant_reference as date) as date_reference,
    (select {{ to_hospital_time('max(extracted_at)') }} from (
        {%- for table in ['stg_services', 'stg_patients', 'stg_admissions', 'stg_stocks_medicaments'] %}
        select max(_extracted_at) as extracted_at from {{ source('healthflow', table) }}
        {{- ' union all' if not loop.last }}
        {%- endfor %}
    ) extractions) as derniere_extraction,
    {{ to_hospital_time(dbt.current_timestamp()) }} as derniere_construction
from reference

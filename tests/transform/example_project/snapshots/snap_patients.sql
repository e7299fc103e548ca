{% snapshot snap_patients %}
{{
    config(
        target_schema='snapshots',
        unique_key='id_patient',
        strategy='timestamp',
        updated_at='updated_at'
    )
}}
select * from {{ ref('stg_patients') }}
{% endsnapshot %}

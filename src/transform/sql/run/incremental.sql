{#- incremental materialization: new rows come from a temporary table built with the model's SQL. -#}

{% macro incremental_delete(target, source, unique_key) -%}
{%- if unique_key | length == 1 -%}
delete from {{ target }}
where {{ unique_key[0] }} in (select {{ unique_key[0] }} from {{ source }})
{%- else -%}
delete from {{ target }} as dbt_internal_dest
using {{ source }} as dbt_internal_source
where {% for key in unique_key -%}
    dbt_internal_source.{{ key }} = dbt_internal_dest.{{ key }}{{ ' and ' if not loop.last }}
{%- endfor %}
{%- endif %}
{%- endmacro %}

{% macro incremental_insert(target, source, columns) -%}
insert into {{ target }} ({{ columns | join(', ') }})
select {{ columns | join(', ') }}
from {{ source }}
{%- endmacro %}

{% macro add_column(relation, column, data_type) -%}
alter table {{ relation }} add column {{ column }} {{ data_type }}
{%- endmacro %}

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

{#- cluster_by with a one-column unique_key: the keys whose rows in the source are exactly their
    rows in the target (as multisets, NULLs equal) are dropped from the source, so the target
    keeps those rows in place. A key may hold several rows (the versions of a patient): it is
    kept only when none of its rows changed, appeared or disappeared. -#}
{% macro incremental_keep_unchanged(target, source, unique_key, columns) -%}
{%- set cols = columns | join(', ') -%}
delete from {{ source }} as s
where s.{{ unique_key }} is not null and not exists (
    select 1 from (
        (select {{ cols }} from {{ source }}
         except all
         select {{ cols }} from {{ target }} where {{ unique_key }} in (select {{ unique_key }} from {{ source }}))
        union all
        (select {{ cols }} from {{ target }} where {{ unique_key }} in (select {{ unique_key }} from {{ source }})
         except all
         select {{ cols }} from {{ source }})
    ) as changed
    where changed.{{ unique_key }} = s.{{ unique_key }}
)
{%- endmacro %}

{% macro incremental_insert(target, source, columns, order_by=[]) -%}
insert into {{ target }} ({{ columns | join(', ') }})
select {{ columns | join(', ') }}
from {{ source }}
{%- if order_by %}
order by {{ order_by | join(', ') }}
{%- endif %}
{%- endmacro %}

{% macro add_column(relation, column, data_type) -%}
alter table {{ relation }} add column {{ column }} {{ data_type }}
{%- endmacro %}

{#- table and view materializations. -#}

{% macro create_table_as(relation, sql, order_by=[]) -%}
create table {{ relation }} as (
{{ sql }}
)
{%- if order_by %}
order by {{ order_by | join(', ') }}
{%- endif %}
{%- endmacro %}

{% macro create_view_as(relation, sql) -%}
create view {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{% macro create_or_replace_view_as(relation, sql) -%}
create or replace view {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{#- Statements the runner uses to build relations. Relations arrive quoted ("schema"."name");
    `engine` is duckdb or postgres. One statement per macro; the runner sequences them. -#}

{% macro create_schema(schema) -%}
create schema if not exists {{ schema }}
{%- endmacro %}

{% macro drop_relation(relation, kind) -%}
drop {{ kind }} if exists {{ relation }}{{ ' cascade' if engine == 'postgres' }}
{%- endmacro %}

{% macro rename_table(relation, new_name) -%}
alter table {{ relation }} rename to {{ new_name }}
{%- endmacro %}

{% macro rename_view(relation, new_name) -%}
alter view {{ relation }} rename to {{ new_name }}
{%- endmacro %}

{#- data tests: failing rows kept for inspection with --store-failures. -#}

{% macro store_failures(relation, sql) -%}
create table {{ relation }} as (
{{ sql }}
)
{%- endmacro %}

{#- seeds: an empty typed table, then rows appended in bulk. -#}

{% macro create_seed_table(relation, columns) -%}
create table {{ relation }} (
{%- for column in columns %}
    {{ column.name }} {{ column.type }}{{ ',' if not loop.last }}
{%- endfor %}
)
{%- endmacro %}

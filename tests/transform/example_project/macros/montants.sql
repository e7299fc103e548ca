{% macro montant_euros(colonne, precision=2) -%}
    round(cast({{ colonne }} as {{ type_numeric() }}), {{ precision }})
{%- endmacro %}

{% macro libelle_duree(expression) -%}
    {{ return(adapter.dispatch('libelle_duree')(expression)) }}
{%- endmacro %}

{% macro duckdb__libelle_duree(expression) -%}
    ({{ expression }})::varchar || ' j'
{%- endmacro %}

{% macro default__libelle_duree(expression) -%}
    cast({{ expression }} as text) || ' j'
{%- endmacro %}

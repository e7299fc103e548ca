{#- Generic data tests. Each returns the failing rows; the runner counts them with get_test_sql. -#}

{% test not_null(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
{% endtest %}

{% test unique(model, column_name) %}
{{ adapter.dispatch('test_unique', 'dbt')(model, column_name) }}
{% endtest %}

{% macro default__test_unique(model, column_name) %}
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endmacro %}

{#- The same failing rows, found cheaper on DuckDB: sorting the values' 64-bit hashes finds the
    hashes seen twice (every repeated value has one), and only the rows with such a hash are
    grouped by the value itself (a hash collision of distinct values is no failure there). A
    column with a non-binary collation (COLLATE nocase ...) would need its collated value hashed. -#}
{% macro duckdb__test_unique(model, column_name) %}
with repeated_hashes as (
    {{ dbt.repeated_hashes('hash(' ~ column_name ~ ')', model, column_name ~ ' is not null') }}
)
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
  and hash({{ column_name }}) in (select h from repeated_hashes)
group by {{ column_name }}
having count(*) > 1
{% endmacro %}

{#- The distinct values h of `hash_expression` over the rows of `model` (matching `where`) that
    two rows or more share, found by sorting them (cheaper on DuckDB than grouping them). -#}
{% macro repeated_hashes(hash_expression, model, where=none) -%}
select distinct h
    from (
        select h, lag(h) over (order by h) as previous_h
        from (select {{ hash_expression }} as h from {{ model }}{% if where is not none %} where {{ where }}{% endif %}) hashed
    ) sorted
    where h = previous_h
{%- endmacro %}

{% test accepted_values(model, column_name, values, quote=true) %}
with all_values as (
    select
        {{ column_name }} as value_field,
        count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
)
select *
from all_values
where value_field not in (
    {%- for value in values -%}
        {%- if quote -%}'{{ value }}'{%- else -%}{{ value }}{%- endif -%}
        {%- if not loop.last -%}, {% endif -%}
    {%- endfor -%}
)
{% endtest %}

{% test relationships(model, column_name, to, field) %}
with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),
parent as (
    select {{ field }} as to_field
    from {{ to }}
)
select from_field
from child
left join parent
    on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}

{% test expression_is_true(model, expression, column_name=none) %}
select 1
from {{ model }}
{% if column_name is none -%}
where not({{ expression }})
{%- else -%}
where not({{ column_name }} {{ expression }})
{%- endif %}
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
select *
from {{ model }}
where 1 = 2
{%- if min_value is not none %}
    or not {{ column_name }} >{{ "=" if inclusive }} {{ min_value }}
{%- endif %}
{%- if max_value is not none %}
    or not {{ column_name }} <{{ "=" if inclusive }} {{ max_value }}
{%- endif %}
{% endtest %}

{% test unique_combination_of_columns(model, combination_of_columns) %}
{{ adapter.dispatch('test_unique_combination_of_columns', 'dbt_utils')(model, combination_of_columns) }}
{% endtest %}

{% macro default__test_unique_combination_of_columns(model, combination_of_columns) %}
select
    {{ combination_of_columns | join(', ') }},
    count(*) as n_records
from {{ model }}
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endmacro %}

{#- As duckdb__test_unique: only the rows whose combination's hash repeats are grouped (NULLs
    hash alike, as GROUP BY puts them together). -#}
{% macro duckdb__test_unique_combination_of_columns(model, combination_of_columns) %}
with repeated_hashes as (
    {{ dbt.repeated_hashes('hash(' ~ (combination_of_columns | join(', ')) ~ ')', model) }}
)
select
    {{ combination_of_columns | join(', ') }},
    count(*) as n_records
from {{ model }}
where hash({{ combination_of_columns | join(', ') }}) in (select h from repeated_hashes)
group by {{ combination_of_columns | join(', ') }}
having count(*) > 1
{% endmacro %}

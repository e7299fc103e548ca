{#- cluster_by: rows kept in the order of some columns so that a look-up by them reads little. -#}

{#- DuckDB: the average number of row groups (zone maps: the min and max of each column per group
    of 122 880 rows, DuckDB's row group size) whose range of `column` holds the first key of a
    group. 1 when the table is in order; each group of rows appended out of order adds about 1. -#}
{% macro clustering_depth(relation, column) -%}
with row_groups as (
    select rowid // 122880 as row_group, min({{ column }}) as low, max({{ column }}) as high
    from {{ relation }}
    group by 1
)
select avg((select count(*) from row_groups o where o.low <= g.low and g.low <= o.high)) as depth
from row_groups g
{%- endmacro %}

{#- PostgreSQL: an index on the columns serves the look-ups instead of the order of the rows. -#}
{% macro create_cluster_index(index, relation, columns) -%}
create index if not exists {{ index }} on {{ relation }} ({{ columns | join(', ') }})
{%- endmacro %}

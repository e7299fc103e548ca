{#- cluster_by: rows kept in the order of some columns so that a look-up by them reads little. -#}

{#- DuckDB: the average number of groups of 122 880 rows (by rowid) whose range of `column` holds
    the first key of a group. 1 when the table is in order; each group of rows appended out of
    order adds about 1. A group is DuckDB's default row group; the warehouse's row groups are four
    times smaller (db/duckdb_instances.h) and each holds the min and max of every column (its zone
    map), but the depth keeps counting in the larger unit: it measures how many rows a look-up
    reads, and cluster_max_depth keeps the meaning it was measured with. -#}
{% macro clustering_depth(relation, column) -%}
with row_groups as (
    select rowid // 122880 as row_group, min({{ column }}) as low, max({{ column }}) as high
    from {{ relation }}
    group by 1
)
select avg((select count(*) from row_groups o where o.low <= g.low and g.low <= o.high)) as depth
from row_groups g
{%- endmacro %}

{#- DuckDB: where the rows appended out of order begin. Groups of 122 880 rows by rowid (as in
    clustering_depth), in order: the first whose lowest `column` is below the highest of a group
    before it starts them (with every group after it). Returns `first_row` (NULL when the table is in order), the
    rows from there on (`appended`) and all the rows (`total`). -#}
{% macro appended_rows(relation, column) -%}
with row_groups as (
    select rowid // 122880 as row_group, min({{ column }}) as low, max({{ column }}) as high, count(*) as n
    from {{ relation }}
    group by 1
),
flagged as (
    select row_group, n,
           coalesce(low < max(high) over (order by row_group rows between unbounded preceding and 1 preceding),
                    false) as out_of_order
    from row_groups
),
placed as (
    select row_group, n, bool_or(out_of_order) over (order by row_group rows unbounded preceding) as after_order
    from flagged
)
select min(row_group) filter (where after_order) * 122880 as first_row,
       coalesce(sum(n) filter (where after_order), 0) as appended,
       coalesce(sum(n), 0) as total
from placed
{%- endmacro %}

{#- DuckDB: the rows from `first_row` on, written again after the table's rows, in order (three
    statements in one transaction, through the temporary table `temp`, whose order the insert
    keeps: DuckDB preserves insertion order). -#}
{% macro appended_rows_copy(temp, relation, first_row, order_by) -%}
create or replace temp table {{ temp }} as
select * from {{ relation }} where rowid >= {{ first_row }} order by {{ order_by | join(', ') }}
{%- endmacro %}

{% macro appended_rows_delete(relation, first_row) -%}
delete from {{ relation }} where rowid >= {{ first_row }}
{%- endmacro %}

{% macro appended_rows_insert(relation, temp) -%}
insert into {{ relation }} select * from {{ temp }}
{%- endmacro %}

{% macro appended_rows_drop(temp) -%}
drop table if exists {{ temp }}
{%- endmacro %}

{#- PostgreSQL: an index on the columns serves the look-ups instead of the order of the rows. -#}
{% macro create_cluster_index(index, relation, columns) -%}
create index if not exists {{ index }} on {{ relation }} ({{ columns | join(', ') }})
{%- endmacro %}

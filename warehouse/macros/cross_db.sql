{#- Macros that read the same on DuckDB and PostgreSQL (the built-in dbt.* macros cover the rest). -#}

{#- Integer division truncating toward zero (DuckDB's `/` is a floating division). -#}
{% macro int_div(numerator, denominator) -%}
    {{ return(adapter.dispatch('int_div')(numerator, denominator)) }}
{%- endmacro %}
{% macro duckdb__int_div(numerator, denominator) -%}(({{ numerator }}) // ({{ denominator }})){%- endmacro %}
{% macro default__int_div(numerator, denominator) -%}cast(div(({{ numerator }}), ({{ denominator }})) as integer){%- endmacro %}

{#- A timestamp as text, 'YYYY-MM-DD HH:MM:SS.ffffff', identical on both engines (for hashes). -#}
{% macro timestamp_text(ts) -%}
    {{ return(adapter.dispatch('timestamp_text')(ts)) }}
{%- endmacro %}
{% macro duckdb__timestamp_text(ts) -%}strftime(({{ ts }}), '%Y-%m-%d %H:%M:%S.%f'){%- endmacro %}
{% macro default__timestamp_text(ts) -%}to_char(({{ ts }}), 'YYYY-MM-DD HH24:MI:SS.US'){%- endmacro %}

{#- Every day from start_date to end_date (both DATE expressions, may be scalar subqueries), as
    a relation with one DATE column `date_day`. -#}
{% macro date_spine(start_date, end_date) -%}
    {{ return(adapter.dispatch('date_spine')(start_date, end_date)) }}
{%- endmacro %}
{% macro duckdb__date_spine(start_date, end_date) -%}
    (select cast(unnest(generate_series(cast(({{ start_date }}) as timestamp), cast(({{ end_date }}) as timestamp), interval 1 day)) as date) as date_day)
{%- endmacro %}
{% macro default__date_spine(start_date, end_date) -%}
    (select cast(d as date) as date_day
     from generate_series(cast(({{ start_date }}) as timestamp), cast(({{ end_date }}) as timestamp), interval '1 day') as spine(d))
{%- endmacro %}

{#- Integers from low to high inclusive, as a relation with one INTEGER column `n`. -#}
{% macro integer_series(low, high) -%}
    (select cast(n as integer) as n from generate_series({{ low }}, {{ high }}) as series(n))
{%- endmacro %}

{#- Whole years from birth_date to at_date (the age on at_date). -#}
{% macro age_in_years(birth_date, at_date) -%}
    (cast(extract(year from ({{ at_date }})) as integer) - cast(extract(year from ({{ birth_date }})) as integer)
     - case when cast(extract(month from ({{ at_date }})) as integer) * 100 + cast(extract(day from ({{ at_date }})) as integer)
                 < cast(extract(month from ({{ birth_date }})) as integer) * 100 + cast(extract(day from ({{ birth_date }})) as integer)
            then 1 else 0 end)
{%- endmacro %}

{#- Days between two timestamps as a fraction (exact to the second). -#}
{% macro days_between(start_ts, end_ts) -%}
    (cast({{ dbt.datediff(start_ts, end_ts, 'second') }} as {{ dbt.type_float() }}) / 86400.0)
{%- endmacro %}

{#- Calendar days between two instants' dates (midnights crossed). -#}
{% macro midnights_between(start_ts, end_ts) -%}
    cast((cast(({{ end_ts }}) as date) - cast(({{ start_ts }}) as date)) as integer)
{%- endmacro %}

{#- Integer key YYYYMMDD of a date or timestamp. -#}
{% macro date_key(d) -%}
    (cast(extract(year from ({{ d }})) as integer) * 10000 + cast(extract(month from ({{ d }})) as integer) * 100
     + cast(extract(day from ({{ d }})) as integer))
{%- endmacro %}

{#- Integer key HHMM of a timestamp's time of day. -#}
{% macro time_key(ts) -%}
    (cast(extract(hour from ({{ ts }})) as integer) * 100 + cast(extract(minute from ({{ ts }})) as integer))
{%- endmacro %}

{#- A date plus a whole number of days, as a DATE. -#}
{% macro add_days(d, n) -%}
    cast(({{ dbt.dateadd('day', n, 'cast((' ~ d ~ ') as date)') }}) as date)
{%- endmacro %}

{#- Mean of money amounts as DECIMAL(12,2), rounded half up on exact cents (same on both engines):
    total is a DECIMAL(x,2) sum, count a positive integer. -#}
{% macro money_mean(total, count) -%}
    cast(cast({{ int_div('cast((' ~ total ~ ') * 200 as bigint) + (' ~ count ~ ')', '2 * (' ~ count ~ ')') }} as {{ dbt.type_float() }}) / 100.0 as decimal(12,2))
{%- endmacro %}

{#- Capitalised first name: each word (split on spaces and hyphens) upper-case first letter, rest lower. -#}
{% macro capitalise_words(text) -%}
    {{ return(adapter.dispatch('capitalise_words')(text)) }}
{%- endmacro %}
{% macro duckdb__capitalise_words(text) -%}
    case when strpos({{ text }}, ' ') = 0 and strpos({{ text }}, '-') = 0
         then upper(left({{ text }}, 1)) || lower(substr({{ text }}, 2))
         else array_to_string(list_transform(string_split(lower({{ text }}), ' '),
              w -> array_to_string(list_transform(string_split(w, '-'), p -> upper(left(p, 1)) || substr(p, 2)), '-')), ' ') end
{%- endmacro %}
{% macro default__capitalise_words(text) -%}
    initcap({{ text }})
{%- endmacro %}

{#- An instant with a time zone (TIMESTAMPTZ) as the hospital's local TIMESTAMP (var hospital_time_zone). -#}
{% macro to_hospital_time(instant) -%}
    cast((({{ instant }}) at time zone '{{ var("hospital_time_zone", "Europe/Paris") }}') as timestamp)
{%- endmacro %}

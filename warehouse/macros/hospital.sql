{#- Rules of the hospital's KPIs shared by several models. -#}

{#- Threshold band of an occupancy rate in percent (hospital-kpis.md thresholds). -#}
{% macro occupancy_band(rate) -%}
    case when ({{ rate }}) >= 95 then 'CRITIQUE'
         when ({{ rate }}) >= 90 then 'ROUGE'
         when ({{ rate }}) >= 85 then 'ORANGE'
         else 'VERT' end
{%- endmacro %}

{#- Age band used by the marts instead of a birth date. -#}
{% macro age_band(age) -%}
    case when ({{ age }}) is null then null
         when ({{ age }}) < 18 then '0-17'
         when ({{ age }}) < 45 then '18-44'
         when ({{ age }}) < 65 then '45-64'
         when ({{ age }}) < 75 then '65-74'
         else '75+' end
{%- endmacro %}

{#- Pseudonym of a patient id: stable, salted md5 (var pseudo_salt). -#}
{% macro patient_pseudonym(patient_id) -%}
    md5('{{ var("pseudo_salt", "healthflow") }}:' || cast(({{ patient_id }}) as {{ dbt.type_string() }}))
{%- endmacro %}

{#- The latest extracted version of each key of a raw staging table, tombstones applied: the rows
    of `relation` whose last version (by _extracted_at, then _extraction_batch_id) is an upsert. -#}
{% macro latest_versions(relation, key='id') -%}
    (select *
     from (select r.*,
                  row_number() over (partition by r.{{ key }}
                                     order by r._extracted_at desc, r._extraction_batch_id desc) as _version_rank
           from {{ relation }} r
           where r.{{ key }} is not null) ranked
     where _version_rank = 1 and _op = 'U')
{%- endmacro %}

{#- The rows an incremental staging table keyed by `key` (re)writes, as `latest_versions` gives them: on a
    full build every key; in an incremental build only the keys with a row loaded (`_loaded_at`) after the
    newest row of {{ this }}, each ranked over all its versions so that the result is the full build's. -#}
{% macro changed_latest_versions(relation, key='id') -%}
    {%- if is_incremental() -%}
    (select *
     from (select r.*,
                  row_number() over (partition by r.{{ key }}
                                     order by r._extracted_at desc, r._extraction_batch_id desc) as _version_rank
           from {{ relation }} r
           where r.{{ key }} in (select n.{{ key }} from {{ relation }} n
                                 where n._loaded_at > {{ loaded_watermark() }})) ranked
     where _version_rank = 1 and _op = 'U')
    {%- else -%}
    {{ latest_versions(relation, key) }}
    {%- endif -%}
{%- endmacro %}

{#- The newest `_loaded_at` already in the incremental model being built ({{ this }}). -#}
{% macro loaded_watermark() -%}
    (select coalesce(max(w._loaded_at), cast('1900-01-01 00:00:00+00' as timestamp with time zone)) from {{ this }} w)
{%- endmacro %}

{#- pre_hook of an incremental staging table: removes the keys whose tombstone (_op = 'D') was loaded
    after the newest row of {{ this }} (erasures); `changed_latest_versions` re-inserts a key only if
    its latest version is an upsert. Nothing on a full build. -#}
{% macro delete_tombstoned(relation, key_column, key='id') -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {{ key_column }} in (select cast(t.{{ key }} as integer) from {{ relation }} t
                               where t._op = 'D' and t._loaded_at > {{ loaded_watermark() }})
    {%- endif -%}
{%- endmacro %}

{#- The first three characters of a text as one number in the same order as the text (their Unicode
    code points, 21 bits each; 0 past the end). The patient search compares it before the text:
    a number is much cheaper to scan than a string where the rows are not in order. The API's
    server computes the same number from the text it searches (src/serve/search_keys.h). -#}
{% macro prefix_number(text) -%}
    (ascii(substr({{ text }}, 1, 1)) * cast(4398046511104 as bigint) + ascii(substr({{ text }}, 2, 1)) * cast(2097152 as bigint) + ascii(substr({{ text }}, 3, 1)))
{%- endmacro %}

{#- The patients of `versions` (core.dim_patients_scd) with a version opened after the newest
    `opened_column` of {{ this }} or closed after its newest `closed_column` (the build clock's
    snapshot instants): what an incremental build of a per-patient model rewrites. -#}
{% macro patients_with_versions_since(versions, opened_column, closed_column) -%}
    select c.patient_id
    from {{ versions }} c
    where c.snapshot_valid_from > (select coalesce(max(t.{{ opened_column }}), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }} t)
       or c.snapshot_valid_to > (select coalesce(max(t.{{ closed_column }}), cast('1900-01-01 00:00:00' as timestamp)) from {{ this }} t)
{%- endmacro %}

{#- pre_hook of core.recherche_patients: removes the patients whose versions moved since the
    newest snapshot instant it holds and who have no current version left (erased), whom the
    build's rows do not replace. Nothing on a full build. -#}
{% macro delete_erased_patients(versions) -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where patient_id in (
        {{ patients_with_versions_since(versions, '_versions_at', '_versions_at') }}
        except
        select v.patient_id from {{ versions }} v where v.dbt_is_current)
    {%- endif -%}
{%- endmacro %}

{#- post_hook of the incremental stg_patients_clean: `age` is the age today, so the rows not rewritten
    by this build get the age of today too (only the patients whose birthday passed change). -#}
{% macro refresh_ages() -%}
    {%- if is_incremental() -%}
    update {{ this }}
    set age = {{ age_in_years('date_naissance', 'current_date') }}
    where age is distinct from {{ age_in_years('date_naissance', 'current_date') }}
    {%- endif -%}
{%- endmacro %}

{#- French public holidays of the years from first_year to last_year: relation (jour DATE, nom_ferie).
    Easter Sunday by the anonymous Gregorian algorithm; Easter Monday, Ascension and Whit Monday from it. -#}
{% macro french_public_holidays(first_year, last_year) -%}
    {%- set fixed = [(1, 1, "Jour de l''an"), (5, 1, 'Fête du Travail'), (5, 8, 'Victoire 1945'),
                     (7, 14, 'Fête nationale'), (8, 15, 'Assomption'), (11, 1, 'Toussaint'),
                     (11, 11, 'Armistice 1918'), (12, 25, 'Noël')] -%}
    (with years as (
        select n as annee from {{ integer_series(first_year, last_year) }} y
    ),
    easter_terms as (
        select annee,
               mod(annee, 19) as a, {{ int_div('annee', 100) }} as b, mod(annee, 100) as c
        from years
    ),
    easter_terms2 as (
        select annee, a, b, c,
               {{ int_div('b', 4) }} as d, mod(b, 4) as e, {{ int_div('b + 8', 25) }} as f,
               {{ int_div('c', 4) }} as i, mod(c, 4) as k
        from easter_terms
    ),
    easter_terms3 as (
        select annee, a, e, i, k,
               mod(19 * a + b - d - {{ int_div('b - f + 1', 3) }} + 15, 30) as h
        from easter_terms2
    ),
    easter_terms4 as (
        select annee, a, h, mod(32 + 2 * e + 2 * i - h - k, 7) as l
        from easter_terms3
    ),
    easter as (
        select annee,
               make_date(annee, {{ int_div('h + l - 7 * ' ~ int_div('a + 11 * h + 22 * l', 451) ~ ' + 114', 31) }},
                         mod(h + l - 7 * {{ int_div('a + 11 * h + 22 * l', 451) }} + 114, 31) + 1) as paques
        from easter_terms4
    )
    {%- for month, day, name in fixed %}
    select make_date(annee, {{ month }}, {{ day }}) as jour, cast('{{ name }}' as {{ dbt.type_string() }}) as nom_ferie from years
    union all
    {%- endfor %}
    select {{ add_days('paques', 1) }}, 'Lundi de Pâques' from easter
    union all
    select {{ add_days('paques', 39) }}, 'Ascension' from easter
    union all
    select {{ add_days('paques', 50) }}, 'Lundi de Pentecôte' from easter)
{%- endmacro %}

{#- A share in percent as DOUBLE, computed the same way on both engines (NULL when den is 0). -#}
{% macro percent(num, den) -%}
    (cast(({{ num }}) as {{ dbt.type_float() }}) * 100 / nullif(({{ den }}), 0))
{%- endmacro %}

-- Calendar: every day from January 1st of the first admission's year to December 31st of the
-- year after the reference date, with French names, ISO weeks and French public holidays.
with bounds as (
    select
        cast(extract(year from min(date_entree)) as integer) as first_year,
        (select cast(extract(year from date_reference) as integer) + 1 from {{ ref('kpi_reference') }}) as last_year
    from {{ ref('fct_admissions_core') }}
),
days as (
    select date_day
    from {{ date_spine('(select make_date(first_year, 1, 1) from bounds)',
                       '(select make_date(last_year, 12, 31) from bounds)') }} spine
),
holidays as (
    select jour, nom_ferie
    from {{ french_public_holidays('(select first_year from bounds)', '(select last_year from bounds)') }} h
)
select
    {{ date_key('d.date_day') }} as date_key,
    d.date_day as date,
    cast(extract(year from d.date_day) as integer) as annee,
    cast(extract(quarter from d.date_day) as integer) as trimestre,
    cast(extract(month from d.date_day) as integer) as mois,
    case cast(extract(month from d.date_day) as integer)
        {%- for name in ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] %}
        when {{ loop.index }} then '{{ name }}'
        {%- endfor %}
    end as nom_mois,
    cast(extract(day from d.date_day) as integer) as jour,
    cast(extract(isodow from d.date_day) as integer) as jour_semaine,
    case cast(extract(isodow from d.date_day) as integer)
        {%- for name in ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] %}
        when {{ loop.index }} then '{{ name }}'
        {%- endfor %}
    end as nom_jour,
    cast(extract(week from d.date_day) as integer) as semaine_iso,
    cast(extract(isodow from d.date_day) as integer) >= 6 as est_weekend,
    h.jour is not null as est_ferie,
    h.nom_ferie
from days d
left join holidays h on h.jour = d.date_day

{%- set seuil = var('seuil_occupation') -%}
{%- set ns = namespace(niveaux=[]) -%}
{%- for nom, borne in {'critique': seuil, 'tendu': seuil - 0.1}.items() -%}
    {%- do ns.niveaux.append("when taux >= " ~ borne ~ " then '" ~ nom ~ "'") -%}
{%- endfor -%}
{%- set colonnes_cle = ['id_service', 'nom_service'] | map('lower') | list -%}
{%- set commentaire %}seuil {{ seuil * 100 }} % ({{ target.name }}/{{ target.type }}){% endset -%}
-- {{ commentaire | trim }}
with occupation as (
    select
        {{ colonnes_cle | join(', ') }},
        capacite_lits,
        count(s.id_admission) as lits_occupes
    from {{ ref('stg_services') }} sv
    left join {{ ref('fct_sejours') }} s using (id_service)
    group by {{ colonnes_cle | join(', ') }}, capacite_lits
),
taux as (
    select
        *,
        cast(lits_occupes as {{ type_float() }}) / nullif(capacite_lits, 0) as taux
    from occupation
)
select
    *,
    case
        {{ ns.niveaux | join('\n        ') }}
        else '{{ var("niveau_defaut", "normal") }}'
    end as niveau,
    '{{ env_var("HF_EXAMPLE_ETABLISSEMENT", "CHU") }}' as etablissement,
    {{ 'true' if execute else 'false' }} as compile_execute
from taux
{%- if var('services_exclus', none) is not none %}
where id_service not in ({{ var('services_exclus') | join(', ') }})
{%- endif %}

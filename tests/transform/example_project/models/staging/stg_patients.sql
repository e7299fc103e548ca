{{ config(tags=['pii']) }}
{#- Les colonnes d'identité passent telles quelles ; le reste est nettoyé. -#}
{%- set colonnes_texte = ['nom', 'prenom', 'adresse', 'mutuelle'] -%}
select
    id_patient,
    {%- for col in colonnes_texte %}
    trim({{ col }}) as {{ col }}{{ "," if not loop.last }}
    {%- endfor %}
    , date_naissance
    , _extracted_at as updated_at
from {{ source('hospital', 'patients') }}

-- Cost of discharged stays (the cost is charged at discharge) by month of entry, service and
-- motif: number of stays and of distinct patients, total, mean per stay and per patient.
with stays as (
    select
        cast({{ dbt.date_trunc('month', 'date_entree') }} as date) as mois,
        service_key,
        coalesce(motif, 'NON RENSEIGNE') as motif,
        patient_pseudo,
        cout_total
    from {{ ref('fct_hospitalisations') }}
    where statut = 'TERMINE' and cout_total is not null
),
grouped as (
    select
        mois,
        service_key,
        motif,
        count(*) as nb_sejours,
        count(distinct patient_pseudo) as nb_patients,
        sum(cout_total) as cout_total
    from stays
    group by mois, service_key, motif
)
select
    g.mois,
    g.service_key,
    s.code_service,
    s.nom_service,
    g.motif,
    cast(g.nb_sejours as integer) as nb_sejours,
    cast(g.nb_patients as integer) as nb_patients,
    cast(g.cout_total as decimal(12,2)) as cout_total,
    {{ money_mean('g.cout_total', 'g.nb_sejours') }} as cout_moyen_sejour,
    {{ money_mean('g.cout_total', 'g.nb_patients') }} as cout_moyen_patient
from grouped g
join {{ ref('dim_services') }} s on s.service_key = g.service_key

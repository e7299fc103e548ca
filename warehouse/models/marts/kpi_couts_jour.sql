-- Stays and their cost by day of entry and service, for the dashboards' cost summary over any
-- period (sums and counts only, so every average is sum / count). Distinct patients are not
-- additive over days; to count them exactly each stay carries the day of the same patient's
-- previous entry (in the same service, and in the whole hospital): the patients who entered in
-- [du, au] are the stays of [du, au] whose previous entry is before du or absent.
-- One GROUP BY over marts.fct_hospitalisations; the services are those of dim_services.
with stays as (
    select
        cast(f.date_entree as date) as jour_entree,
        f.service_key,
        s.code_service,
        f.patient_pseudo,
        f.date_entree,
        f.admission_key,
        f.cout_total
    from {{ ref('fct_hospitalisations') }} f
    join {{ ref('dim_services') }} s on s.service_key = f.service_key
),
previous as (
    select
        jour_entree,
        service_key,
        code_service,
        cout_total,
        -- A stay without a patient counts no patient: its "previous entry" is its own day.
        case when patient_pseudo is null then jour_entree
             else lag(jour_entree) over (partition by patient_pseudo, service_key order by date_entree, admission_key)
        end as entree_precedente_service,
        case when patient_pseudo is null then jour_entree
             else lag(jour_entree) over (partition by patient_pseudo order by date_entree, admission_key)
        end as entree_precedente
    from stays
)
select
    jour_entree,
    service_key,
    code_service,
    entree_precedente_service,
    entree_precedente,
    cast(count(*) as integer) as nb_sejours,
    cast(sum(cout_total) as decimal(14,2)) as cout_total
from previous
group by jour_entree, service_key, code_service, entree_precedente_service, entree_precedente
order by jour_entree, service_key

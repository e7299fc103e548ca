-- Every pharmacy line with its alert level, days of cover, projected stock-out date and the
-- order that brings it back to its threshold plus 20 days of consumption.
with reference as (
    select date_reference from {{ ref('kpi_reference') }}
),
lines as (
    select
        s.*,
        case when s.conso_jour_moyenne > 0
             then cast(s.quantite as {{ dbt.type_float() }}) / cast(s.conso_jour_moyenne as {{ dbt.type_float() }}) end as jours_couverture
    from {{ ref('stg_stocks_clean') }} s
),
measured as (
    select
        l.*,
        l.quantite <= l.seuil_alerte as est_en_alerte,
        case when l.quantite = 0 then 'RUPTURE'
             when l.quantite * 2 <= l.seuil_alerte then 'URGENT'
             when l.quantite <= l.seuil_alerte then 'ATTENTION'
             else 'OK' end as niveau,
        cast(greatest(ceil(l.seuil_alerte + 20 * l.conso_jour_moyenne - l.quantite), 0) as integer) as besoin
    from lines l
)
select
    m.medicament_id,
    m.nom_medicament,
    m.classe_ven,
    m.unite,
    m.quantite,
    m.seuil_alerte,
    cast(greatest(m.seuil_alerte - m.quantite, 0) as integer) as deficit,
    m.niveau,
    m.conso_jour_moyenne,
    m.jours_couverture,
    case when m.jours_couverture is not null
         then {{ add_days('r.date_reference', 'cast(floor(m.jours_couverture) as integer)') }} end as date_rupture_prevue,
    m.delai_livraison_jours,
    case when m.est_en_alerte then m.besoin else 0 end as quantite_a_commander,
    m.prix_unitaire,
    cast(case when m.est_en_alerte then m.besoin else 0 end * m.prix_unitaire as decimal(12,2)) as valeur_a_commander,
    m.est_en_alerte,
    cast(row_number() over (
        order by case m.niveau when 'RUPTURE' then 1 when 'URGENT' then 2 when 'ATTENTION' then 3 else 4 end,
                 case m.classe_ven when 'V' then 1 when 'E' then 2 else 3 end,
                 case when m.jours_couverture is null then 1 else 0 end,
                 m.jours_couverture,
                 m.medicament_id
    ) as integer) as rang_criticite
from measured m
cross join reference r

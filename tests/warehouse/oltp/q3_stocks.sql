-- Q3 straight on the operational database: lines at or below their threshold, most critical
-- first, with deficit, cover, projected stock-out date (from the latest event's date) and the
-- order up to the threshold plus 20 days of consumption.
with ref as (
    select greatest(max(date_entree), max(date_sortie))::date as jour from admissions
)
select
    trim(m.nom_medicament),
    m.classe_ven,
    case when m.quantite = 0 then 'RUPTURE' when m.quantite <= m.seuil_alerte / 2 then 'URGENT' else 'ATTENTION' end,
    m.quantite,
    m.seuil_alerte,
    m.seuil_alerte - m.quantite,
    round(m.quantite / nullif(m.conso_jour_moyenne, 0), 1),
    case when m.conso_jour_moyenne > 0 then r.jour + floor(m.quantite / m.conso_jour_moyenne)::int end,
    m.delai_livraison_jours,
    greatest(ceil(m.seuil_alerte + 20 * m.conso_jour_moyenne - m.quantite), 0)::int,
    lower(trim(m.unite)),
    m.prix_unitaire,
    round(greatest(ceil(m.seuil_alerte + 20 * m.conso_jour_moyenne - m.quantite), 0) * m.prix_unitaire, 2)
from stocks_medicaments m
cross join ref r
where m.quantite <= m.seuil_alerte
order by case when m.quantite = 0 then 1 when m.quantite <= m.seuil_alerte / 2 then 2 else 3 end,
         case m.classe_ven when 'V' then 1 when 'E' then 2 else 3 end,
         m.quantite / nullif(m.conso_jour_moyenne, 0) nulls last,
         m.id

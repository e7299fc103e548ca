-- core.recherche_patients holds each current version once under each of its three keys, and
-- nothing else: per key, as many rows as current versions, and the same patients (the sums of
-- their numbers agree). Counts and sums instead of a join, so that the plan stays two scans.
with genres as (
    select 'nom' as genre
    union all
    select 'prenom'
    union all
    select 'pseudo'
),
per_genre as (
    select genre, count(*) as search_rows, sum(cast(patient_id as bigint)) as patient_sum
    from {{ ref('recherche_patients') }}
    group by genre
),
current_versions as (
    select count(*) as versions, sum(cast(patient_id as bigint)) as patient_sum
    from {{ ref('dim_patients_scd') }}
    where dbt_is_current
)
select g.genre, coalesce(p.search_rows, 0) as search_rows, c.versions as current_versions
from genres g
left join per_genre p on p.genre = g.genre
cross join current_versions c
where coalesce(p.search_rows, 0) <> c.versions
   or coalesce(p.patient_sum, 0) <> coalesce(c.patient_sum, 0)

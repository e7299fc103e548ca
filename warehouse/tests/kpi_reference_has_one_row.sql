-- The hospital's "now" is one row.
select count(*) as n
from {{ ref('kpi_reference') }}
having count(*) <> 1

{{ config(severity='warn', tags=['finance']) }}
select id_admission, cout_total
from {{ ref('fct_sejours') }}
where cout_total < 0

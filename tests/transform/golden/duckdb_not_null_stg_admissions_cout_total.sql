select cout_total
from (select * from "main_staging"."stg_admissions" where date_sortie is not null) dbt_subquery
where cout_total is null
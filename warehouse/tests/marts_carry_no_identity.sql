-- Privacy: no relation of schema marts exposes an identity column. Runs after the last marts:
-- depends_on: {{ ref('kpi_alertes_stocks') }} {{ ref('kpi_couts') }} {{ ref('kpi_dms_service') }}
-- depends_on: {{ ref('kpi_occupation_actuelle') }} {{ ref('dim_patients') }} {{ ref('dim_date') }}
-- depends_on: {{ ref('kpi_couts_jour') }} {{ ref('kpi_couts_jour_hopital') }} {{ ref('kpi_dms_jour') }}
select table_name, column_name
from information_schema.columns
where table_schema = 'marts'
  and column_name in ('nom', 'prenom', 'adresse', 'telephone', 'email', 'date_naissance', 'patient_id')

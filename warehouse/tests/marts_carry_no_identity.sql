-- Privacy: no relation of schema marts exposes an identity column.
select table_name, column_name
from information_schema.columns
where table_schema = 'marts'
  and column_name in ('nom', 'prenom', 'adresse', 'telephone', 'email', 'date_naissance', 'patient_id')

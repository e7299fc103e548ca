select
    id_patient,
    trim(nom) as nom,
    trim(prenom) as prenom,
    trim(adresse) as adresse,
    trim(mutuelle) as mutuelle
    , date_naissance
    , _extracted_at as updated_at
from "bronze"."patients"
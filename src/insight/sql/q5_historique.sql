-- Q5: a patient's record through time (address and mutuelle are historised): every version
-- with its validity window, oldest first, or only the version valid at an instant.
-- $1: patient id; $2: instant (NULL = every version).
select
    numero_version as "Version",
    nom as "Nom",
    prenom as "Prénom",
    date_naissance as "Naissance",
    adresse as "Adresse",
    mutuelle as "Mutuelle",
    telephone as "Téléphone",
    email as "E-mail",
    valide_du as "Valide du",
    valide_au as "Valide au",
    version_courante as "Courante"
from core.v_historique_patient
where patient_id = cast($1 as integer)
  and (cast($2 as timestamp) is null
       or (valide_du <= cast($2 as timestamp) and (valide_au is null or valide_au > cast($2 as timestamp))))
order by numero_version

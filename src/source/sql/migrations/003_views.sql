-- The hospital's clock: the simulator's current instant when the data is simulated,
-- else the server's local time.
CREATE TABLE horloge_simulation (
    singleton BOOLEAN   PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    instant   TIMESTAMP NOT NULL,
    graine    BIGINT    NOT NULL,
    echelle   NUMERIC   NOT NULL
);

CREATE FUNCTION maintenant() RETURNS TIMESTAMP
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT instant FROM horloge_simulation), LOCALTIMESTAMP)
$$;

-- Medications at or below their alert threshold.
-- niveau_alerte: URGENT when the stock is at or below half the threshold (at most about half
-- the delivery lead time of cover left, ruptures included); ATTENTION otherwise.
CREATE VIEW v_alertes_stocks AS
SELECT
    id,
    nom_medicament,
    classe_ven,
    quantite,
    seuil_alerte,
    seuil_alerte - quantite AS deficit,
    CASE
        WHEN quantite * 2 <= seuil_alerte THEN 'URGENT'
        ELSE 'ATTENTION'
    END AS niveau_alerte,
    prix_unitaire,
    (seuil_alerte - quantite) * prix_unitaire AS valeur_deficit
FROM stocks_medicaments
WHERE quantite <= seuil_alerte;

-- Beds occupied now (patients in house at the hospital's current instant) per service.
CREATE VIEW v_occupation_services AS
SELECT
    s.id,
    s.nom_service,
    s.capacite_lits,
    count(a.id)::INTEGER AS lits_occupes,
    round(100.0 * count(a.id) / s.capacite_lits, 2) AS taux_occupation
FROM services s
LEFT JOIN admissions a
    ON a.service_id = s.id
   AND a.date_entree <= maintenant()
   AND (a.date_sortie IS NULL OR a.date_sortie > maintenant())
WHERE s.actif
GROUP BY s.id, s.nom_service, s.capacite_lits;

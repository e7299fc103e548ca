-- Operational schema of the hospital (OLTP). Column names are the hospital's own (French).

CREATE TABLE services (
    id                SERIAL PRIMARY KEY,
    code              VARCHAR(10)  NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9_]+$'),
    nom_service       VARCHAR(100) NOT NULL UNIQUE CHECK (length(trim(nom_service)) > 0),
    capacite_lits     INTEGER      NOT NULL CHECK (capacite_lits > 0),
    actif             BOOLEAN      NOT NULL DEFAULT TRUE,
    date_creation     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    date_modification TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE patients (
    id                SERIAL PRIMARY KEY,
    nom               VARCHAR(100) NOT NULL CHECK (length(trim(nom)) > 0),
    prenom            VARCHAR(100) NOT NULL CHECK (length(trim(prenom)) > 0),
    sexe              CHAR(1)      CHECK (sexe IN ('F', 'M')),
    date_naissance    DATE         NOT NULL,
    adresse           TEXT,
    mutuelle          VARCHAR(100),
    telephone         VARCHAR(20),
    email             VARCHAR(150) CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    date_creation     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    date_modification TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT check_date_naissance CHECK (date_naissance <= CURRENT_DATE AND date_naissance >= DATE '1900-01-01')
);
CREATE INDEX idx_patients_nom ON patients (nom);
CREATE INDEX idx_patients_date_naissance ON patients (date_naissance);
CREATE INDEX idx_patients_date_modification ON patients (date_modification);

CREATE TABLE admissions (
    id                SERIAL PRIMARY KEY,
    patient_id        INTEGER       NOT NULL REFERENCES patients (id) ON DELETE CASCADE,
    service_id        INTEGER       NOT NULL REFERENCES services (id) ON DELETE RESTRICT,
    date_entree       TIMESTAMP     NOT NULL DEFAULT LOCALTIMESTAMP,
    date_sortie       TIMESTAMP,
    mode_entree       VARCHAR(20)   NOT NULL DEFAULT 'PROGRAMMEE'
                                    CHECK (mode_entree IN ('URGENCES', 'PROGRAMMEE', 'MUTATION')),
    score_gravite     INTEGER       CHECK (score_gravite BETWEEN 1 AND 10),
    motif             TEXT,
    cout_total        NUMERIC(10,2) CHECK (cout_total >= 0),
    date_creation     TIMESTAMPTZ   NOT NULL DEFAULT now(),
    date_modification TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CONSTRAINT check_dates CHECK (date_sortie IS NULL OR date_sortie > date_entree)
);
CREATE INDEX idx_admissions_patient ON admissions (patient_id);
CREATE INDEX idx_admissions_service ON admissions (service_id);
CREATE INDEX idx_admissions_dates ON admissions (date_entree, date_sortie);
CREATE INDEX idx_admissions_date_modification ON admissions (date_modification);
-- Stays still in progress, for "who is in house now".
CREATE INDEX idx_admissions_en_cours ON admissions (service_id) WHERE date_sortie IS NULL;

CREATE TABLE stocks_medicaments (
    id                   SERIAL PRIMARY KEY,
    nom_medicament       VARCHAR(150)  NOT NULL UNIQUE CHECK (length(trim(nom_medicament)) > 0),
    classe_ven           CHAR(1)       NOT NULL DEFAULT 'E' CHECK (classe_ven IN ('V', 'E', 'N')),
    quantite             INTEGER       NOT NULL CHECK (quantite >= 0),
    seuil_alerte         INTEGER       NOT NULL CHECK (seuil_alerte >= 0),
    prix_unitaire        NUMERIC(10,2) NOT NULL CHECK (prix_unitaire >= 0),
    unite                VARCHAR(20)   NOT NULL DEFAULT 'boite',
    conso_jour_moyenne   NUMERIC(10,2) NOT NULL DEFAULT 0 CHECK (conso_jour_moyenne >= 0),
    delai_livraison_jours INTEGER      NOT NULL DEFAULT 3 CHECK (delai_livraison_jours >= 0),
    date_creation        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    date_modification    TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX idx_stocks_date_modification ON stocks_medicaments (date_modification);

COMMENT ON COLUMN stocks_medicaments.seuil_alerte IS 'Point de commande: consommation moyenne x délai + stock de sécurité';
COMMENT ON COLUMN stocks_medicaments.classe_ven IS 'V = vital, E = essentiel, N = non essentiel';

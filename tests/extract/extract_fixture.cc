#include "extract_fixture.h"

#include "source/migrations.h"
#include "support/test_postgres.h"

namespace hf::extract::testing {

void ExtractTest::SetUpSource(const std::string& name) {
    spec_ = ::hf::testing::TestPostgres::Instance().FreshDatabase(name);
    conn_ = std::make_unique<pg::Connection>(pg::Connection::Open(spec_).Value());
    source::ApplyMigrations(*conn_);
    conn_->Exec(R"sql(
        INSERT INTO services (code, nom_service, capacite_lits) VALUES
            ('CARDIO', 'Cardiologie', 20), ('URG', 'Urgences', 12), ('PED', 'Pédiatrie', 8);
        INSERT INTO patients (nom, prenom, sexe, date_naissance, adresse, mutuelle) VALUES
            ('Dupont', 'Élodie', 'F', '1980-01-02', '3 rue des Lilas, Lyon', 'MGEN'),
            ('Martin', 'Jean', 'M', '1990-03-04', NULL, NULL),
            ('Bernard', 'Chloé', 'F', '1975-07-14', '8 avenue Foch, Paris', 'Harmonie'),
            ('Petit', 'Louis', 'M', '2001-12-25', '1 place du Marché, Lille', '');
        INSERT INTO admissions (patient_id, service_id, date_entree, date_sortie, motif, cout_total) VALUES
            (1, 1, '2026-11-01 08:00', '2026-11-05 10:30', 'Infarctus', 12450.50),
            (2, 2, '2026-11-20 22:15', NULL, 'Fracture', NULL),
            (3, 3, '2026-11-10 09:00', '2026-11-11 09:00', 'Bronchiolite', 830.00);
        INSERT INTO stocks_medicaments (nom_medicament, quantite, seuil_alerte, prix_unitaire) VALUES
            ('Paracétamol 500mg', 120, 50, 1.95), ('Amoxicilline 1g', 10, 40, 4.20);
    )sql");
    lake_ = std::make_unique<lake::LocalObjectStore>(dir_.Path() / "lake");
}

ExtractionReport ExtractTest::Extract(ExtractMode mode, std::vector<std::string> tables) {
    ExtractOptions options;
    options.mode = mode;
    options.tables = std::move(tables);
    options.safety_margin = std::chrono::microseconds(0);
    options.lock_timeout = std::chrono::milliseconds(0);
    return ExtractBatch(*conn_, *lake_, options);
}

std::vector<std::string> SplitRecords(const std::string& csv) {
    std::vector<std::string> records;
    std::string current;
    bool quoted = false;
    for (char c : csv) {
        if (c == '"') {
            quoted = !quoted;
        }
        if (c == '\n' && !quoted) {
            records.push_back(current);
            current.clear();
            continue;
        }
        current += c;
    }
    if (!current.empty()) {
        records.push_back(current);
    }
    return records;
}

std::vector<std::string> ExtractTest::Lines(const std::string& key) { return SplitRecords(lake_->Get(key).Value()); }

const lake::ManifestFile& ExtractTest::FileOf(const ExtractionReport& report, const std::string& table) {
    for (const auto& file : report.manifest.files) {
        if (file.table == table) {
            return file;
        }
    }
    throw Error(ErrorKind::NOT_FOUND, "no file for " + table);
}

std::vector<std::string> ExtractTest::RowsWithoutAudit(const ExtractionReport& report, const std::string& table) {
    std::vector<std::string> rows;
    for (const auto& line : Lines(FileOf(report, table).key)) {
        // The last three columns (_extracted_at, _source_system, _extraction_batch_id) never hold commas.
        size_t cut = line.size();
        for (int i = 0; i < 3; ++i) {
            cut = line.rfind(',', cut - 1);
        }
        rows.push_back(line.substr(0, cut));
    }
    return rows;
}

std::vector<std::string> ExtractTest::ManifestKeys() {
    std::vector<std::string> keys;
    auto listing = lake_->List(lake::ManifestPrefix()).Value();
    for (const auto& info : listing) {
        keys.push_back(info.key);
    }
    return keys;
}

}  // namespace hf::extract::testing

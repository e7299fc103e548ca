#include <algorithm>

#include "common/hash.h"
#include "common/strings.h"
#include "extract/extract_state.h"
#include "extract_fixture.h"

namespace hf::extract::testing {
namespace {

// (id, _op) of every data row of a file, in file order.
std::vector<std::pair<std::string, std::string>> IdsAndOps(const std::vector<std::string>& rows_without_audit) {
    std::vector<std::pair<std::string, std::string>> out;
    for (size_t i = 1; i < rows_without_audit.size(); ++i) {
        const auto& row = rows_without_audit[i];
        out.emplace_back(row.substr(0, row.find(',')), row.substr(row.rfind(',') + 1));
    }
    return out;
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

TEST_F(ExtractTest, IncrementalExtractsExactlyTheChangesThenNothing) {
    SetUpSource("extract_incremental");
    auto full = Extract(ExtractMode::FULL);
    EXPECT_EQ(full.manifest.mode, "full");
    EXPECT_EQ(FileOf(full, "services").rows, 3u);
    EXPECT_EQ(FileOf(full, "patients").rows, 4u);
    EXPECT_EQ(FileOf(full, "admissions").rows, 3u);
    EXPECT_EQ(FileOf(full, "stocks_medicaments").rows, 2u);
    EXPECT_FALSE(FileOf(full, "patients").watermark_from.has_value());

    conn_->Exec(R"sql(
        UPDATE patients SET mutuelle = 'MAAF' WHERE id = 2;
        INSERT INTO patients (nom, prenom, sexe, date_naissance) VALUES ('Leroy', 'Inès', 'F', '1968-05-30');
        DELETE FROM patients WHERE id = 4;
        UPDATE stocks_medicaments SET quantite = 5 WHERE id = 2;
        DELETE FROM admissions WHERE id = 3;
        DELETE FROM services WHERE id = 3;
        INSERT INTO services (id, code, nom_service, capacite_lits) VALUES (3, 'PED', 'Pédiatrie', 10);
    )sql");

    auto inc = Extract(ExtractMode::INCREMENTAL);
    EXPECT_EQ(inc.manifest.mode, "incremental");
    for (const auto& file : inc.manifest.files) {
        EXPECT_EQ(file.mode, "incremental");
        EXPECT_EQ(file.watermark_from, FileOf(full, file.table).watermark_to) << file.table;
    }
    auto patients = RowsWithoutAudit(inc, "patients");
    EXPECT_EQ(IdsAndOps(patients), (Pairs{{"2", "U"}, {"4", "D"}, {"5", "U"}}));
    EXPECT_TRUE(StartsWith(patients[1], "2,Martin,Jean,M,1990-03-04,,MAAF,,,")) << patients[1];
    EXPECT_EQ(patients[2], "4,,,,,,,,,,,D");
    EXPECT_TRUE(StartsWith(patients[3], "5,Leroy,Inès,F,1968-05-30,,,,,")) << patients[3];
    EXPECT_EQ(FileOf(inc, "patients").rows, 3u);
    EXPECT_EQ(FileOf(inc, "patients").tombstones, 1u);

    EXPECT_EQ(RowsWithoutAudit(inc, "admissions"), (std::vector<std::string>{
        "id,patient_id,service_id,date_entree,date_sortie,mode_entree,score_gravite,motif,cout_total,"
        "date_creation,date_modification,_op",
        "3,,,,,,,,,,,D"}));
    EXPECT_EQ(FileOf(inc, "admissions").tombstones, 1u);

    // Deleted then re-created in the window: sent once, as it is now.
    auto services = RowsWithoutAudit(inc, "services");
    EXPECT_EQ(IdsAndOps(services), (Pairs{{"3", "U"}}));
    EXPECT_TRUE(StartsWith(services[1], "3,PED,Pédiatrie,10,t,")) << services[1];
    EXPECT_EQ(FileOf(inc, "services").tombstones, 0u);

    EXPECT_EQ(IdsAndOps(RowsWithoutAudit(inc, "stocks_medicaments")), (Pairs{{"2", "U"}}));

    auto again = Extract(ExtractMode::INCREMENTAL);
    for (const auto& file : again.manifest.files) {
        EXPECT_EQ(file.rows, 0u) << file.table;
        EXPECT_EQ(file.tombstones, 0u) << file.table;
        EXPECT_EQ(Lines(file.key).size(), 1u) << file.table;
        EXPECT_EQ(file.watermark_from, FileOf(inc, file.table).watermark_to);
    }
    auto state = ExtractState::Load(*lake_);
    EXPECT_EQ(state.Watermark("patients"), FileOf(again, "patients").watermark_to);
    EXPECT_EQ(state.tables.at("patients").batch_id, again.manifest.batch_id);
    EXPECT_EQ(ManifestKeys().size(), 3u);
}

TEST_F(ExtractTest, FullTwiceGivesTheSameDataAndAnHonestManifest) {
    SetUpSource("extract_full_twice");
    auto first = Extract(ExtractMode::FULL);
    auto second = Extract(ExtractMode::FULL);
    EXPECT_NE(first.manifest.batch_id, second.manifest.batch_id);
    for (const auto& table : ExtractableTables()) {
        EXPECT_NE(FileOf(first, table).key, FileOf(second, table).key);
        EXPECT_EQ(RowsWithoutAudit(first, table), RowsWithoutAudit(second, table)) << table;
    }
    EXPECT_EQ(lake::Manifest::FromJson(lake_->Get(second.manifest_key).Value(), second.manifest_key), second.manifest);
    EXPECT_EQ(second.manifest.source_system, "PostgreSQL_OLTP");
    const std::string audit_tail =
        "," + second.manifest.extracted_at + ",PostgreSQL_OLTP," + second.manifest.batch_id;
    for (const auto& file : second.manifest.files) {
        std::string content = lake_->Get(file.key).Value();
        EXPECT_EQ(file.bytes, content.size()) << file.table;
        EXPECT_EQ(file.sha256, Sha256Hex(content)) << file.table;
        auto lines = SplitRecords(content);
        EXPECT_EQ(file.rows + 1, lines.size()) << file.table;
        for (size_t i = 1; i < lines.size(); ++i) {
            EXPECT_TRUE(EndsWith(lines[i], ",U" + audit_tail)) << lines[i];
        }
    }
    EXPECT_EQ(FileOf(second, "patients").columns,
              (std::vector<lake::ColumnSpec>{{"id", "integer"},
                                             {"nom", "character varying(100)"},
                                             {"prenom", "character varying(100)"},
                                             {"sexe", "character(1)"},
                                             {"date_naissance", "date"},
                                             {"adresse", "text"},
                                             {"mutuelle", "character varying(100)"},
                                             {"telephone", "character varying(20)"},
                                             {"email", "character varying(150)"},
                                             {"date_creation", "timestamp with time zone"},
                                             {"date_modification", "timestamp with time zone"}}));
    EXPECT_EQ(Lines(FileOf(second, "stocks_medicaments").key)[0],
              "id,nom_medicament,classe_ven,quantite,seuil_alerte,prix_unitaire,unite,conso_jour_moyenne,"
              "delai_livraison_jours,date_creation,date_modification,_op,_extracted_at,_source_system,"
              "_extraction_batch_id");
}

TEST_F(ExtractTest, FirstIncrementalIsFullAndTablesCanBeChosen) {
    SetUpSource("extract_first_incremental");
    auto only = Extract(ExtractMode::INCREMENTAL, {"patients"});
    ASSERT_EQ(only.tables.size(), 1u);
    EXPECT_TRUE(only.tables[0].first_incremental);
    EXPECT_EQ(only.tables[0].mode, ExtractMode::FULL);
    EXPECT_EQ(only.manifest.mode, "full");
    EXPECT_EQ(only.tables[0].rows, 4u);

    auto both = Extract(ExtractMode::INCREMENTAL, {"admissions", "patients"});
    ASSERT_EQ(both.tables.size(), 2u);
    EXPECT_EQ(both.tables[0].table, "patients");
    EXPECT_EQ(both.tables[0].mode, ExtractMode::INCREMENTAL);
    EXPECT_EQ(both.tables[0].rows, 0u);
    EXPECT_EQ(both.tables[1].mode, ExtractMode::FULL);
    EXPECT_EQ(both.tables[1].rows, 3u);
    EXPECT_EQ(both.manifest.mode, "incremental");

    try {
        Extract(ExtractMode::FULL, {"journal_suppressions"});
        FAIL() << "only the operational tables are extractable";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::INVALID_INPUT);
    }
}

}  // namespace
}  // namespace hf::extract::testing

// The JSON API over the fixture warehouse: every endpoint answers the exact figures computed by
// hand from tests/serve/fixtures/marts.sql (reference date 2026-03-31).
#include "serve_fixture.h"

#include <gmock/gmock.h>

namespace hf::testing {
namespace {

using nlohmann::json;

class ServeApiTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        server_ = new RunningServer(dir_->Path(), MakeFixtureWarehouse(dir_->Path()));
    }
    static void TearDownTestSuite() {
        delete server_;
        delete dir_;
    }
    json Get(const std::string& path) {
        auto client = server_->Client();
        int status = 0;
        auto body = GetJson(*client, path, &status);
        EXPECT_EQ(status, 200) << path << ": " << body.dump();
        return body;
    }
    // The values of one column over the rows.
    static std::vector<json> Column(const json& body, const std::string& name) {
        std::vector<json> out;
        for (const auto& row : body["rows"]) {
            out.push_back(row[name]);
        }
        return out;
    }

    static TempDir* dir_;
    static RunningServer* server_;
};

TempDir* ServeApiTest::dir_ = nullptr;
RunningServer* ServeApiTest::server_ = nullptr;

TEST_F(ServeApiTest, MetaGivesReferenceAndServices) {
    auto body = Get("/api/meta");
    EXPECT_EQ(body["reference"],
              json::parse(R"({"instant_reference":"2026-03-31 18:00:00","date_reference":"2026-03-31",
        "derniere_extraction":"2026-03-31 18:05:00","derniere_construction":"2026-03-31 18:10:00"})"));
    EXPECT_EQ(Column(body, "code_service"), (std::vector<json>{"CARD", "GERI", "PNEU"}));
    EXPECT_EQ(body["columns"], json::parse(R"(["code_service","nom_service","capacite_lits","actif"])"));
}

TEST_F(ServeApiTest, BedOccupancyNowAndOverTheDefaultPeriod) {
    auto body = Get("/api/lits/occupation");
    EXPECT_EQ(body["periode"], json::parse(R"({"du":"2026-03-02","au":"2026-03-31"})"));
    // 2026-03-02..31 = days 60..89: CARD 763, PNEU 435, GERI 285 patient-days over 1800 bed-days.
    EXPECT_EQ(body["synthese"],
              json::parse(R"({"lits_occupes":54,"capacite_lits":60,"lits_libres":6,"taux_occupation":90.0,
        "nb_services_critiques":2,"instant_reference":"2026-03-31 18:00:00","journees_patients":1483,"journees_lits":1800,
        "taux_periode":82.4})"));
    EXPECT_EQ(body["rows"][0], json::parse(R"({"code_service":"GERI","nom_service":"Gériatrie","capacite_lits":10,
        "lits_occupes":10,"lits_libres":0,"taux_occupation":100.0,"bande":"CRITIQUE","taux_7j":97.0,"taux_30j":95.2})"));
    EXPECT_EQ(Column(body, "taux_occupation"), (std::vector<json>{100.0, 93.3, 80.0}));
}

TEST_F(ServeApiTest, BedOccupancyOfOneServiceOverAPeriod) {
    auto body = Get("/api/lits/occupation?service=CARD&du=2026-01-01&au=2026-01-04");
    // Days 0..3: 24 + 25 + 26 + 27 = 102 patient-days over 120 bed-days.
    EXPECT_EQ(body["synthese"]["journees_patients"], 102);
    EXPECT_EQ(body["synthese"]["taux_periode"], 85.0);
    EXPECT_EQ(body["synthese"]["taux_occupation"], 93.3);
    EXPECT_EQ(body["rows"].size(), 1u);
}

TEST_F(ServeApiTest, DailyOccupancyHistory) {
    auto body = Get("/api/lits/historique?du=2026-03-30&au=2026-03-31");
    ASSERT_EQ(body["rows"].size(), 6u);
    EXPECT_EQ(body["rows"][0], json::parse(R"({"date":"2026-03-30","code_service":"CARD","nom_service":"Cardiologie",
        "capacite_lits":30,"lits_occupes":24,"taux_occupation":80.0,"bande":"VERT"})"));
    EXPECT_EQ(Column(body, "lits_occupes"), (std::vector<json>{24, 9, 14, 25, 10, 15}));
    EXPECT_EQ(Column(body, "bande"), (std::vector<json>{"VERT", "ROUGE", "VERT", "VERT", "CRITIQUE", "VERT"}));
    EXPECT_EQ(Get("/api/lits/historique")["rows"].size(), 90u); // 30 days x 3 services
}

TEST_F(ServeApiTest, CriticalServices) {
    auto body = Get("/api/lits/critiques");
    EXPECT_EQ(Column(body, "code_service"), (std::vector<json>{"GERI", "CARD"}));
    EXPECT_EQ(Column(body, "lits_libres"), (std::vector<json>{0, 2}));
    EXPECT_EQ(Get("/api/lits/critiques?service=PNEU")["rows"].size(), 0u);
}

TEST_F(ServeApiTest, StockAlertsByCriticality) {
    auto body = Get("/api/stocks/alertes");
    EXPECT_EQ(Column(body, "medicament_id"), (std::vector<json>{1, 2, 4, 3}));
    EXPECT_EQ(body["synthese"],
              json::parse(R"({"nb_alertes":4,"nb_ruptures":1,"nb_urgents":1,"valeur_totale_a_commander":1979.0})"));
    EXPECT_EQ(body["rows"][0]["quantite_a_commander"], 150);
    EXPECT_EQ(body["rows"][0]["valeur_a_commander"], 375.0);
    EXPECT_EQ(Column(Get("/api/stocks/alertes?niveau=ATTENTION"), "medicament_id"), (std::vector<json>{4, 3}));
    EXPECT_EQ(Column(Get("/api/stocks/alertes?classe_ven=V"), "medicament_id"), (std::vector<json>{2, 4}));
    EXPECT_EQ(Column(Get("/api/stocks/alertes?au=2026-04-06"), "medicament_id"), (std::vector<json>{1, 2}));
    // The most critical first, the totals over every alert.
    auto first = Get("/api/stocks/alertes?limite=2");
    EXPECT_EQ(Column(first, "medicament_id"), (std::vector<json>{1, 2}));
    EXPECT_EQ(first["synthese"]["nb_alertes"], 4);
    EXPECT_EQ(Column(Get("/api/stocks/alertes?limite=2&niveau=ATTENTION"), "medicament_id"), (std::vector<json>{4, 3}));
}

TEST_F(ServeApiTest, TopDeficitsAndInventory) {
    EXPECT_EQ(Column(Get("/api/stocks/deficits"), "deficit"), (std::vector<json>{50, 30, 20, 5}));
    EXPECT_EQ(Column(Get("/api/stocks/deficits?limite=2"), "medicament_id"), (std::vector<json>{1, 2}));
    auto inventory = Get("/api/stocks/inventaire");
    EXPECT_EQ(Column(inventory, "medicament_id"), (std::vector<json>{2, 1, 5, 4, 3}));
    EXPECT_EQ(Column(inventory, "est_en_alerte"), (std::vector<json>{true, true, false, true, true}));
    EXPECT_EQ(Get("/api/stocks/inventaire?classe_ven=V")["rows"].size(), 3u);
}

TEST_F(ServeApiTest, CostsPerServiceAndOverall) {
    auto body = Get("/api/finance/couts");
    EXPECT_EQ(body["periode"], json::parse(R"({"du":"2025-04-01","au":"2026-03-31"})"));
    EXPECT_EQ(Column(body, "code_service"), (std::vector<json>{"CARD", "PNEU", "GERI"}));
    EXPECT_EQ(Column(body, "cout_total"), (std::vector<json>{7000.0, 6400.0, 1500.0}));
    EXPECT_EQ(Column(body, "cout_moyen_sejour"), (std::vector<json>{3500.0, 3200.0, 1500.0}));
    EXPECT_EQ(body["synthese"], json::parse(R"({"nb_sejours":5,"nb_patients":3,"cout_total":14900.0,
        "cout_moyen_sejour":2980.0,"cout_moyen_patient":4966.67})"));
    auto march = Get("/api/finance/couts?du=2026-03-01&au=2026-03-31");
    EXPECT_EQ(march["synthese"], json::parse(R"({"nb_sejours":3,"nb_patients":3,"cout_total":7900.0,
        "cout_moyen_sejour":2633.33,"cout_moyen_patient":2633.33})"));
    EXPECT_EQ(Column(march, "code_service"), (std::vector<json>{"PNEU", "GERI"}));
}

TEST_F(ServeApiTest, MonthlyCostTrend) {
    auto body = Get("/api/finance/tendance");
    EXPECT_EQ(Column(body, "mois"), (std::vector<json>{"2026-01-01", "2026-02-01", "2026-03-01"}));
    EXPECT_EQ(Column(body, "cout_total"), (std::vector<json>{4000.0, 3000.0, 7900.0}));
    EXPECT_EQ(Column(Get("/api/finance/tendance?service=CARD"), "cout_total"), (std::vector<json>{4000.0, 3000.0}));
}

TEST_F(ServeApiTest, LengthOfStayPerServiceWithGapToTheMean) {
    auto body = Get("/api/finance/dms");
    EXPECT_EQ(Column(body, "code_service"), (std::vector<json>{"PNEU", "CARD", "GERI"}));
    EXPECT_EQ(body["rows"][0],
              json::parse(R"({"code_service":"PNEU","nom_service":"Pneumologie","nb_sejours_termines":1,
        "dms_jours":7.0,"dms_avec_ambulatoire":3.58,"dms_globale":5.0,"ecart_jours":2.0,"ecart_pct":40.0})"));
    EXPECT_EQ(body["rows"][1]["ecart_pct"], -20.0);
    EXPECT_EQ(body["rows"][2]["dms_jours"], nullptr);
    EXPECT_EQ(body["synthese"], json::parse(R"({"dms_globale":5.0,"dms_avec_ambulatoire":3.79,"nb_sejours_termines":3,
        "nb_sejours_en_cours":1})"));
}

TEST_F(ServeApiTest, AServiceFilterNarrowsTheRowsNotTheHospitalDms) {
    auto body = Get("/api/finance/dms?service=CARD");
    EXPECT_EQ(Column(body, "code_service"), (std::vector<json>{"CARD"}));
    EXPECT_EQ(body["columns"], json::parse(R"(["code_service","nom_service","nb_sejours_termines","dms_jours",
        "dms_avec_ambulatoire","dms_globale","ecart_jours","ecart_pct"])"));
    EXPECT_EQ(body["rows"][0].size(), 8u);
    EXPECT_EQ(body["synthese"], json::parse(R"({"dms_globale":5.0,"dms_avec_ambulatoire":3.79,"nb_sejours_termines":3,
        "nb_sejours_en_cours":1})"));
    auto csv = server_->Client()->Get("/api/finance/dms?service=CARD&format=csv");
    ASSERT_TRUE(csv);
    EXPECT_EQ(csv->body.substr(0, csv->body.find("\r\n")),
              "code_service,nom_service,nb_sejours_termines,dms_jours,dms_avec_ambulatoire,dms_globale,ecart_jours,"
              "ecart_pct");
}

TEST_F(ServeApiTest, CostSummaryOfOneService) {
    auto body = Get("/api/finance/couts?service=CARD");
    EXPECT_EQ(body["synthese"], json::parse(R"({"nb_sejours":2,"nb_patients":2,"cout_total":7000.0,
        "cout_moyen_sejour":3500.0,"cout_moyen_patient":3500.0})"));
}

TEST_F(ServeApiTest, DrillDownFromServiceToMotif) {
    auto body = Get("/api/finance/motifs?service=PNEU");
    EXPECT_EQ(Column(body, "motif"), (std::vector<json>{"Pneumonie", "Bilan"}));
    EXPECT_EQ(Column(body, "cout_total"), (std::vector<json>{5600.0, 800.0}));
}

TEST_F(ServeApiTest, PatientSearchHistoryAndStays) {
    auto found = Get("/api/patients/recherche?q=dup");
    ASSERT_EQ(found["rows"].size(), 1u);
    EXPECT_EQ(found["rows"][0], json::parse(R"({"patient_id":1,"patient_pseudo":"de3636dc8d66e6962ea15871aa5935f1",
        "nom":"Dupont","prenom":"Marie",
        "date_naissance":"1950-04-12","adresse":"5 avenue Foch, Paris","mutuelle":"Harmonie Mutuelle","nb_versions":2})"));
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=b6e4b89625d6bcd48da418526408375b"), "patient_id"),
              (std::vector<json>{2}));
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=3"), "nom"), (std::vector<json>{"Durand"}));
    EXPECT_EQ(Get("/api/patients/recherche?q=99")["rows"].size(), 0u);
    // A name or first-name start, a full name in either order; a patient found twice (Martineau
    // Martine, under both keys) is listed once.
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=m"), "patient_id"), (std::vector<json>{1, 2, 4}));
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=martin"), "patient_id"), (std::vector<json>{2, 4}));
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=L%C3%A9a"), "nom"), (std::vector<json>{"Durand"}));
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=marie%20dup"), "patient_id"), (std::vector<json>{1}));
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=martin%20paul"), "patient_id"), (std::vector<json>{2}));
    // A pseudonym is matched whole, in any case.
    EXPECT_EQ(Column(Get("/api/patients/recherche?q=B6E4B89625D6BCD48DA418526408375B"), "patient_id"),
              (std::vector<json>{2}));
    EXPECT_EQ(Get("/api/patients/recherche?q=b6e4b89625d6bcd48da418526408375")["rows"].size(), 0u);
    EXPECT_EQ(Get("/api/patients/recherche?q=b6e4b89625d6bcd48da418526408375c")["rows"].size(), 0u);

    auto history = Get("/api/patients/historique?patient_id=1&date=2026-01-01");
    EXPECT_EQ(Column(history, "adresse"), (std::vector<json>{"1 rue des Lilas, Lyon", "5 avenue Foch, Paris"}));
    EXPECT_EQ(Column(history, "en_vigueur_a_la_date"), (std::vector<json>{true, false}));
    EXPECT_EQ(Column(history, "valide_au"), (std::vector<json>{"2026-02-15 10:00:00", nullptr}));
    EXPECT_EQ(Column(Get("/api/patients/historique?patient_id=1&date=2026-02-15"), "en_vigueur_a_la_date"),
              (std::vector<json>{false, true}));

    auto stays = Get("/api/patients/sejours?patient_id=1");
    EXPECT_EQ(Column(stays, "admission_key"), (std::vector<json>{101, 103}));
    EXPECT_EQ(Column(stays, "mutuelle"), (std::vector<json>{"MGEN", "Harmonie Mutuelle"}));
    EXPECT_EQ(Column(Get("/api/patients/sejours?patient_id=1&service=PNEU"), "admission_key"),
              (std::vector<json>{103}));
}

TEST_F(ServeApiTest, PipelineRunsTasksAndFreshness) {
    auto runs = Get("/api/pipeline/runs");
    EXPECT_EQ(Column(runs, "run_id"), (std::vector<json>{"manual__2026-03-31T18-00-00", "scheduled__2026-03-30"}));
    EXPECT_EQ(Column(runs, "duree_secondes"), (std::vector<json>{150.0, 90.0}));
    EXPECT_EQ(Column(runs, "taches_reussies"), (std::vector<json>{2, 3}));
    EXPECT_EQ(Column(runs, "tests_passed"), (std::vector<json>{41, 42}));
    EXPECT_EQ(runs["planificateur"],
              json({{"heberge", false}, {"cron", nullptr}, {"fuseau", nullptr}, {"prochaine_execution", nullptr}}));
    EXPECT_EQ(Column(Get("/api/pipeline/runs?au=2026-03-30"), "run_id"), (std::vector<json>{"scheduled__2026-03-30"}));

    auto run = Get("/api/pipeline/runs/manual__2026-03-31T18-00-00");
    EXPECT_EQ(run["state"], "failed");
    EXPECT_EQ(Column(run, "task_id"), (std::vector<json>{"extract", "load", "transform", "publish"}));
    EXPECT_EQ(Column(run, "duree_secondes"), (std::vector<json>{40.0, 30.0, 80.0, nullptr}));
    EXPECT_EQ(Column(run, "depends_on"), (std::vector<json>{"", "extract", "load", "transform"}));
    EXPECT_EQ(run["metrics"]["tests_total"], 42);

    auto freshness = Get("/api/pipeline/fraicheur");
    EXPECT_EQ(freshness["rows"][0]["derniere_construction"], "2026-03-31 18:10:00");
}

TEST_F(ServeApiTest, CsvExportOfATable) {
    auto client = server_->Client();
    auto res = client->Get("/api/stocks/deficits?limite=2&format=csv");
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
    EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"deficits_stocks.csv\"");
    EXPECT_EQ(res->body,
              "medicament_id,nom_medicament,classe_ven,niveau,quantite,seuil_alerte,deficit,valeur_a_commander\r\n"
              "1,Amoxicilline 1 g,E,RUPTURE,0,50,50,375.00\r\n"
              "2,Adrénaline 1 mg,V,URGENT,10,40,30,840.00\r\n");
    auto patients = client->Get("/api/patients/historique?patient_id=2&format=csv");
    ASSERT_TRUE(patients);
    EXPECT_THAT(patients->body, ::testing::HasSubstr("\"8 place Bellecour, Lyon\""));
}

TEST_F(ServeApiTest, FrontEndIsServedFromTheBinary) {
    auto client = server_->Client();
    auto index = client->Get("/");
    ASSERT_TRUE(index);
    EXPECT_EQ(index->status, 200);
    EXPECT_EQ(index->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_THAT(index->body, ::testing::HasSubstr("/static/vendor/echarts.min.js"));
    auto echarts = client->Get("/static/vendor/echarts.min.js");
    ASSERT_TRUE(echarts);
    EXPECT_EQ(echarts->status, 200);
    EXPECT_GT(echarts->body.size(), 500000u);
    auto app = client->Get("/static/app.js");
    ASSERT_TRUE(app);
    EXPECT_EQ(app->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
}

} // namespace
} // namespace hf::testing

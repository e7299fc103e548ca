// Bad requests: 400 with a message and a hint for malformed parameters, 404 for unknown paths,
// SQL injection attempts refused in every parameter with nothing changed, 503 before the marts exist.
#include "serve_fixture.h"

#include <gmock/gmock.h>

#include <atomic>

#include "common/error.h"

namespace hf::testing {
namespace {

using nlohmann::json;

class ServeErrorsTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new TempDir();
        warehouse_file_ = new std::filesystem::path(MakeFixtureWarehouse(dir_->Path()));
        server_ = new RunningServer(dir_->Path(), *warehouse_file_);
    }
    static void TearDownTestSuite() {
        delete server_;
        delete warehouse_file_;
        delete dir_;
    }
    // GET `path`, expect `status` and an error body with a message and a hint; returns the message.
    std::string Refused(const std::string& path, int expected) {
        auto client = server_->Client();
        int status = 0;
        auto body = GetJson(*client, path, &status);
        EXPECT_EQ(status, expected) << path << ": " << body.dump();
        EXPECT_TRUE(body.contains("error") && body["error"].is_string() && !body["error"].get<std::string>().empty())
            << path;
        EXPECT_TRUE(body.contains("hint") && body["hint"].is_string() && !body["hint"].get<std::string>().empty())
            << path;
        return body.value("error", "");
    }

    static TempDir* dir_;
    static std::filesystem::path* warehouse_file_;
    static RunningServer* server_;
};

TempDir* ServeErrorsTest::dir_ = nullptr;
std::filesystem::path* ServeErrorsTest::warehouse_file_ = nullptr;
RunningServer* ServeErrorsTest::server_ = nullptr;

TEST_F(ServeErrorsTest, MalformedParametersGive400WithAMessage) {
    EXPECT_EQ(Refused("/api/lits/historique?du=2026-02-30", 400),
              "paramètre « du » invalide : attendu une date AAAA-MM-JJ");
    EXPECT_EQ(Refused("/api/lits/historique?du=2026-03-10&au=2026-03-01", 400),
              "période invalide : « du » (2026-03-10) est après « au » (2026-03-01)");
    EXPECT_EQ(Refused("/api/lits/occupation?servce=CARD", 400), "paramètre inconnu « servce »");
    EXPECT_EQ(Refused("/api/lits/occupation?service=XXXX", 400), "service inconnu « XXXX »");
    EXPECT_EQ(Refused("/api/stocks/deficits?limite=0", 400),
              "paramètre « limite » invalide : attendu un entier entre 1 et 100");
    EXPECT_EQ(Refused("/api/stocks/alertes?niveau=GRAVE", 400),
              "paramètre « niveau » invalide : valeurs possibles : RUPTURE, URGENT, ATTENTION");
    EXPECT_EQ(Refused("/api/meta?format=xml", 400), "paramètre « format » invalide : attendu json ou csv");
    EXPECT_EQ(Refused("/api/patients/historique?patient_id=abc", 400),
              "paramètre « patient_id » invalide : attendu un entier entre 1 et 2147483647");
    EXPECT_EQ(Refused("/api/patients/historique", 400), "paramètre « patient_id » manquant");
    EXPECT_EQ(Refused("/api/patients/recherche?q=ab%C3", 400),
              "paramètre « q » invalide : lettres, chiffres, espaces, tirets, apostrophes et points seulement (64 au "
              "plus)");
    EXPECT_EQ(Refused("/api/finance/motifs", 400),
              "paramètre « service » manquant : le détail par motif porte sur un service");
    EXPECT_EQ(Refused("/api/lits/occupation?service=CARD&service=PNEU", 400),
              "paramètre « service » invalide : donné plusieurs fois");
}

TEST_F(ServeErrorsTest, UnknownPathsAndObjectsGive404) {
    EXPECT_EQ(Refused("/api/nulle-part", 404), "adresse inconnue : /api/nulle-part");
    EXPECT_EQ(Refused("/static/absent.js", 404), "fichier introuvable : /static/absent.js");
    EXPECT_EQ(Refused("/api/pipeline/runs/inconnu", 404), "aucune exécution « inconnu »");
    EXPECT_EQ(Refused("/api/patients/historique?patient_id=999", 404), "aucun patient n° 999 dans l'historique");
    EXPECT_EQ(Refused("/api/pipeline/runs/..", 400), "identifiant d'exécution invalide");
}

TEST_F(ServeErrorsTest, SqlInjectionInEveryParameterIsRefusedAndChangesNothing) {
    const std::vector<std::string> payloads = {
        "1'%20OR%20'1'%3D'1",                                 // 1' OR '1'='1
        "CARD'%3B%20DROP%20TABLE%20marts.kpi_stocks%3B%20--", // CARD'; DROP TABLE marts.kpi_stocks; --
        "2026-03-01'%20OR%201%3D1--",                         // 2026-03-01' OR 1=1--
        "1%3B%20DELETE%20FROM%20marts.dim_services",          // 1; DELETE FROM marts.dim_services
        "%25'%20UNION%20SELECT%20nom%20FROM%20core.dim_patients_scd--",
    };
    const std::vector<std::pair<std::string, std::vector<std::string>>> endpoints = {
        {"/api/meta", {"format"}},
        {"/api/lits/occupation", {"du", "au", "service"}},
        {"/api/lits/historique", {"du", "au", "service"}},
        {"/api/lits/critiques", {"du", "au", "service"}},
        {"/api/stocks/alertes", {"du", "au", "niveau", "classe_ven", "limite"}},
        {"/api/stocks/deficits", {"du", "au", "niveau", "classe_ven", "limite"}},
        {"/api/stocks/inventaire", {"du", "au", "niveau", "classe_ven"}},
        {"/api/finance/couts", {"du", "au", "service"}},
        {"/api/finance/tendance", {"du", "au", "service"}},
        {"/api/finance/dms", {"du", "au", "service"}},
        {"/api/finance/motifs", {"du", "au", "service"}},
        {"/api/patients/recherche", {"q", "du", "au", "service"}},
        {"/api/patients/historique", {"patient_id", "date", "du", "au", "service"}},
        {"/api/patients/sejours", {"patient_id", "du", "au", "service"}},
        {"/api/pipeline/runs", {"du", "au", "service", "limite"}},
        {"/api/pipeline/fraicheur", {"du", "au", "service"}},
    };
    int attempts = 0;
    for (const auto& [path, params] : endpoints) {
        for (const auto& param : params) {
            for (const auto& payload : payloads) {
                Refused(path + "?" + param + "=" + payload, 400);
                ++attempts;
            }
        }
    }
    EXPECT_EQ(attempts, 5 * 56);
    Refused("/api/pipeline/runs/x'%3B%20DROP%20TABLE%20marts.kpi_stocks", 400);

    auto warehouse = db::OpenWarehouse(Config::Defaults().With("warehouse.path", warehouse_file_->string()));
    EXPECT_EQ(warehouse->Query("SELECT COUNT(*) FROM marts.kpi_stocks").Int(0, 0), 5);
    EXPECT_EQ(warehouse->Query("SELECT COUNT(*) FROM marts.dim_services").Int(0, 0), 3);
    EXPECT_EQ(warehouse->Query("SELECT COUNT(*) FROM core.dim_patients_scd").Int(0, 0), 5);
}

TEST_F(ServeErrorsTest, RequestsNamingAnotherHostAreRefusedWithoutLogin) {
    auto client = server_->Client();
    auto res = client->Get("/api/meta", {{"Host", "attacker.example:80"}});
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 421);
}

TEST_F(ServeErrorsTest, StartingARunNeedsTheHookAndJson) {
    auto client = server_->Client();
    auto no_hook = client->Post("/api/pipeline/runs", "{}", "application/json");
    ASSERT_TRUE(no_hook);
    EXPECT_EQ(no_hook->status, 503);
    auto form = client->Post("/api/pipeline/runs", "a=b", "application/x-www-form-urlencoded");
    ASSERT_TRUE(form);
    EXPECT_EQ(form->status, 415);

    TempDir dir;
    std::atomic<int> calls = 0;
    RunningServer hosted(dir.Path(), MakeFixtureWarehouse(dir.Path()), false, [&calls](const json& request) -> json {
        if (++calls > 1) {
            throw Error(ErrorKind::CONFLICT, "run manual__1 is running");
        }
        return {{"run_id", "manual__1"}, {"logical_date", request.value("logical_date", "")}};
    });
    auto hosted_client = hosted.Client();
    auto started = hosted_client->Post("/api/pipeline/runs", R"({"logical_date":"2026-03-31"})", "application/json");
    ASSERT_TRUE(started);
    EXPECT_EQ(started->status, 202);
    EXPECT_EQ(json::parse(started->body), json::parse(R"({"run_id":"manual__1","logical_date":"2026-03-31"})"));
    auto busy = hosted_client->Post("/api/pipeline/runs", "{}", "application/json");
    ASSERT_TRUE(busy);
    EXPECT_EQ(busy->status, 409);
    EXPECT_EQ(json::parse(busy->body)["cause"],
              json({{"kind", "conflict"}, {"message", "run manual__1 is running"}, {"hint", ""}}));
    auto bad = hosted_client->Post("/api/pipeline/runs", R"({"logical_date":"hier"})", "application/json");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    for (const char* body :
         {R"({"date":"2026-03-31"})", R"({"full_refresh":"oui"})", R"({"task":3})", R"({"trigger":"cron"})"}) {
        auto refused = hosted_client->Post("/api/pipeline/runs", body, "application/json");
        ASSERT_TRUE(refused);
        EXPECT_EQ(refused->status, 400) << body;
    }
    EXPECT_EQ(calls.load(), 2);
}

TEST(ServeCacheTest, AnswersAreReusedUntilInvalidated) {
    TempDir dir;
    auto file = MakeFixtureWarehouse(dir.Path());
    RunningServer server(dir.Path(), file, false, {}, /*cache_seconds=*/600);
    auto client = server.Client();
    EXPECT_EQ(GetJson(*client, "/api/stocks/alertes")["synthese"]["nb_alertes"], 4);
    {
        auto warehouse = db::OpenWarehouse(Config::Defaults().With("warehouse.path", file.string()));
        warehouse->Execute("DELETE FROM marts.kpi_alertes_stocks WHERE medicament_id = 3");
    }
    EXPECT_EQ(GetJson(*client, "/api/stocks/alertes")["synthese"]["nb_alertes"], 4);         // cached
    EXPECT_EQ(GetJson(*client, "/api/stocks/alertes?niveau=")["synthese"]["nb_alertes"], 3); // another request
    server.Get().InvalidateCache();
    EXPECT_EQ(GetJson(*client, "/api/stocks/alertes")["synthese"]["nb_alertes"], 3);
}

TEST(ServeBindTest, ATakenPortIsRefused) {
    TempDir dir;
    auto file = MakeFixtureWarehouse(dir.Path());
    RunningServer first(dir.Path(), file);
    serve::ServerOptions options;
    options.port = first.Port();
    options.data_dir = dir.Path();
    options.open_warehouse = RunningServer::DuckDbFactory(file);
    serve::Server second(std::move(options));
    try {
        second.Bind();
        FAIL() << "a second server bound port " << first.Port();
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::CONFLICT);
        EXPECT_EQ(e.Message(), "cannot listen on 127.0.0.1:" + std::to_string(first.Port()));
    }
}

TEST(ServeWithoutMartsTest, DataEndpointsAnswer503UntilTheMartsAreBuilt) {
    TempDir dir;
    RunningServer server(dir.Path(), MakeFixtureWarehouse(dir.Path(), false));
    auto client = server.Client();
    for (const char* path : {"/api/meta", "/api/lits/occupation", "/api/stocks/alertes", "/api/finance/couts",
                             "/api/patients/recherche?q=x"}) {
        int status = 0;
        auto body = GetJson(*client, path, &status);
        EXPECT_EQ(status, 503) << path;
        EXPECT_THAT(body.value("error", ""),
                    ::testing::StartsWith("les données des tableaux de bord ne sont pas encore construites"));
        EXPECT_THAT(body.value("hint", ""), ::testing::HasSubstr("pipeline"));
    }
    int status = 0;
    auto runs = GetJson(*client, "/api/pipeline/runs", &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(runs["rows"].size(), 0u);
}

} // namespace
} // namespace hf::testing

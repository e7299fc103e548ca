#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "common/hash.h"
#include "db/warehouse.h"
#include "pipeline/alerts.h"
#include "pipeline/pipeline_run.h"
#include "pipeline_fixture.h"

namespace hf::pipeline::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

std::vector<json> Deliveries(const hf::testing::TempDir& dir) {
    std::vector<json> out;
    std::ifstream in(dir.Path() / "alerts" / "deliveries.jsonl");
    std::string line;
    while (std::getline(in, line)) {
        out.push_back(json::parse(line));
    }
    return out;
}

TEST(AlertsTest, FailedTaskSendsExactlyOneAlertPerWebhookAndSkipsItsDependants) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    Config config = TestConfig(dir, {{"alerts.webhooks", "generic:" + receiver.Url("/hook") + ", slack:" +
                                                             receiver.Url("/slack") + ",teams:" + receiver.Url("/teams")},
                                     {"alerts.retry_base_ms", "1"}});
    ManualClock clock(ParseInstant("2026-12-04T05:00:00Z"));
    Task down;
    down.id = "extract.patients";
    down.body = [](const TaskContext&) -> TaskOutcome {
        throw Error(ErrorKind::UNAVAILABLE, "cannot reach the source", "start it");
    };
    Task load;
    load.id = "load.patients";
    load.depends_on = {"extract.patients"};
    load.body = [](const TaskContext&) { return TaskOutcome{}; };
    PipelineRunOptions options;
    options.tasks = {down, load};
    options.logical_date = "2026-12-04";
    options.clock = &clock;
    auto run = RunPipeline(config, options);
    EXPECT_EQ(run.state, RunState::FAILED);
    EXPECT_EQ(run.FindTask("extract.patients")->attempts, 3);
    EXPECT_EQ(run.FindTask("load.patients")->state, TaskState::SKIPPED);

    auto requests = receiver.Requests();
    ASSERT_EQ(requests.size(), 3u);
    std::map<std::string, json> by_path;
    for (const auto& [path, body] : requests) {
        by_path[path] = json::parse(body);
    }
    const json& generic = by_path.at("/hook");
    EXPECT_EQ(generic.at("key"), "task-failed:" + run.run_id + ":extract.patients");
    EXPECT_EQ(generic.at("severity"), "critique");
    EXPECT_EQ(generic.at("title"), "HealthFlow : échec de la tâche extract.patients");
    EXPECT_EQ(generic.at("facts").at("Erreur"), "cannot reach the source (hint: start it)");
    EXPECT_EQ(generic.at("facts").at("Tentatives"), "3");
    EXPECT_EQ(generic.at("facts").at("Tâches ignorées"), "load.patients");
    const json& slack = by_path.at("/slack");
    EXPECT_TRUE(slack.at("text").get<std::string>().rfind("HealthFlow : échec de la tâche extract.patients\n", 0) == 0);
    EXPECT_EQ(slack.at("blocks")[0].at("type"), "header");
    const json& teams = by_path.at("/teams");
    EXPECT_EQ(teams.at("@type"), "MessageCard");
    EXPECT_EQ(teams.at("summary"), "HealthFlow : échec de la tâche extract.patients");
    EXPECT_EQ(teams.at("sections")[0].at("facts")[0].at("name"), "Run");

    auto deliveries = Deliveries(dir);
    ASSERT_EQ(deliveries.size(), 3u);
    for (const auto& d : deliveries) {
        EXPECT_EQ(d.at("ok"), true);
        EXPECT_EQ(d.at("status"), 200);
        EXPECT_EQ(d.at("attempts"), 1);
        EXPECT_EQ(d.at("alert_key"), "task-failed:" + run.run_id + ":extract.patients");
    }
    EXPECT_EQ(deliveries[0].at("payload_sha256"), Sha256Hex(requests[0].second));

    // The same alert again is not delivered twice.
    AlertSender sender(config, &clock);
    Alert again;
    again.key = "task-failed:" + run.run_id + ":extract.patients";
    EXPECT_EQ(sender.Send(again), 0);
    EXPECT_EQ(receiver.Requests().size(), 3u);
}

TEST(AlertsTest, DeliveryIsRetriedWithBackoffAndRecordedWhenItFails) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    receiver.SetStatus(503);
    Config config = TestConfig(dir, {{"alerts.webhooks", receiver.Url("/x")},
                                     {"alerts.max_attempts", "3"},
                                     {"alerts.retry_base_ms", "100"}});
    ManualClock clock(ParseInstant("2026-12-04T05:00:00Z"));
    AlertSender sender(config, &clock);
    Alert alert{"occupation:2026-12-04", "alerte", "titre", "texte", {}};
    EXPECT_EQ(sender.Send(alert), 0);
    EXPECT_EQ(receiver.Requests().size(), 3u);
    EXPECT_EQ(clock.Sleeps(), (std::vector<std::chrono::milliseconds>{100ms, 200ms}));
    auto deliveries = Deliveries(dir);
    ASSERT_EQ(deliveries.size(), 1u);
    EXPECT_EQ(deliveries[0].at("ok"), false);
    EXPECT_EQ(deliveries[0].at("status"), 503);
    EXPECT_EQ(deliveries[0].at("attempts"), 3);
    EXPECT_EQ(deliveries[0].at("error"), "HTTP 503 ok");
    // Not delivered yet: the next try sends it; a 4xx is final at once.
    receiver.SetStatus(400);
    EXPECT_EQ(sender.Send(alert), 0);
    EXPECT_EQ(receiver.Requests().size(), 4u);
    receiver.SetStatus(200);
    EXPECT_EQ(sender.Send(alert), 1);
    EXPECT_EQ(sender.Send(alert), 0);
    EXPECT_EQ(receiver.Requests().size(), 5u);
}

TEST(AlertsTest, WebhookSettingFormats) {
    auto hooks = ParseWebhooks(" https://hooks.slack.com/services/T/B/X , https://acme.webhook.office.com/w/1,"
                               "teams:http://127.0.0.1:9/t,http://127.0.0.1:9/g");
    ASSERT_EQ(hooks.size(), 4u);
    EXPECT_EQ(hooks[0].format, WebhookFormat::SLACK);
    EXPECT_EQ(hooks[0].url, "https://hooks.slack.com/services/T/B/X");
    EXPECT_EQ(hooks[1].format, WebhookFormat::TEAMS);
    EXPECT_EQ(hooks[2].format, WebhookFormat::TEAMS);
    EXPECT_EQ(hooks[2].url, "http://127.0.0.1:9/t");
    EXPECT_EQ(hooks[3].format, WebhookFormat::GENERIC);
    try {
        ParseWebhooks("slack:ftp://x");
        FAIL();
    } catch (const Error& e) {
        EXPECT_EQ(e.Message(), "alerts.webhooks entry 'ftp://x' is not an http(s) URL");
    }
    Alert a{"k", "alerte", "T", "body", {{"A", "1"}}};
    EXPECT_EQ(RenderPayload(a, WebhookFormat::GENERIC),
              R"({"key":"k","severity":"alerte","title":"T","text":"body","facts":{"A":"1"}})");
}

TEST(AlertsTest, SuccessfulRunAlertsOnceADayOnOccupancyAndStockThresholds) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    Config config = TestConfig(dir, {{"alerts.webhooks", receiver.Url("/hook")}});
    {
        auto warehouse = db::OpenWarehouse(config);
        warehouse->Execute(
            "CREATE SCHEMA marts;"
            "CREATE TABLE marts.kpi_occupation_actuelle (service_key INTEGER, code_service VARCHAR, nom_service "
            "VARCHAR, capacite_lits INTEGER, lits_occupes INTEGER, lits_libres INTEGER, taux_occupation DOUBLE, "
            "bande VARCHAR, taux_7j DOUBLE, taux_30j DOUBLE, instant_reference TIMESTAMP);"
            "INSERT INTO marts.kpi_occupation_actuelle VALUES "
            "(1, 'CARD', 'Cardiologie', 34, 31, 3, 91.17647, 'ROUGE', 88, 85, TIMESTAMP '2026-12-04 05:00:00'),"
            "(2, 'REA', 'Réanimation', 20, 19, 1, 95.0, 'CRITIQUE', 93, 90, TIMESTAMP '2026-12-04 05:00:00'),"
            "(3, 'PED', 'Pédiatrie', 30, 20, 10, 66.7, 'VERT', 60, 62, TIMESTAMP '2026-12-04 05:00:00');"
            "CREATE TABLE marts.kpi_alertes_stocks (medicament_id INTEGER, nom_medicament VARCHAR, classe_ven VARCHAR, "
            "unite VARCHAR, quantite INTEGER, seuil_alerte INTEGER, deficit INTEGER, niveau VARCHAR, "
            "conso_jour_moyenne DOUBLE, jours_couverture DOUBLE, date_rupture_prevue DATE, delai_livraison_jours "
            "INTEGER, quantite_a_commander INTEGER, prix_unitaire DECIMAL(12,2), valeur_a_commander DECIMAL(12,2));"
            "INSERT INTO marts.kpi_alertes_stocks VALUES "
            "(7, 'Paracétamol 1 g', 'E', 'comprimé', 40, 100, 60, 'URGENT', 10, 4, DATE '2026-12-08', 3, 240, 0.10, 24.00),"
            "(3, 'Amoxicilline 1 g', 'V', 'gélule', 0, 120, 120, 'RUPTURE', 20, 0, DATE '2026-12-04', 5, 520, 0.50, 260.00);");
    }
    ManualClock clock(ParseInstant("2026-12-04T05:00:00Z"));
    Task ok;
    ok.id = "transform.test";
    ok.body = [](const TaskContext&) { return TaskOutcome{}; };
    PipelineRunOptions options;
    options.tasks = {ok};
    options.logical_date = "2026-12-04";
    options.clock = &clock;
    EXPECT_EQ(RunPipeline(config, options).state, RunState::SUCCESS);
    auto requests = receiver.Requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_NE(requests[1].second.find(R"("facts":{"Amoxicilline 1 g")"), std::string::npos) << "most critical first";
    EXPECT_EQ(json::parse(requests[0].second), json::parse(R"js({"key": "occupation:2026-12-04", "severity": "alerte",
        "title": "HealthFlow : 2 service(s) à 90 % d'occupation ou plus",
        "text": "Taux d'occupation des lits au 2026-12-04 : ces services sont au-dessus du seuil de 90 %.",
        "facts": {"REA Réanimation": "95.0 % (19 / 20 lits, CRITIQUE)",
                  "CARD Cardiologie": "91.2 % (31 / 34 lits, ROUGE)"}})js"));
    EXPECT_EQ(json::parse(requests[1].second), json::parse(R"js({"key": "stocks:2026-12-04", "severity": "alerte",
        "title": "HealthFlow : 2 médicament(s) sous le seuil d'alerte",
        "text": "Stocks au 2026-12-04 : médicaments au seuil d'alerte ou en dessous, les plus critiques d'abord (20 premiers).",
        "facts": {"Amoxicilline 1 g": "RUPTURE : 0 en stock, seuil 120, à commander 520",
                  "Paracétamol 1 g": "URGENT : 40 en stock, seuil 100, à commander 240"}})js"));
    // Rerunning the day does not alert again; the next day does.
    EXPECT_EQ(RunPipeline(config, options).state, RunState::SUCCESS);
    EXPECT_EQ(receiver.Requests().size(), 2u);
    options.logical_date = "2026-12-05";
    EXPECT_EQ(RunPipeline(config, options).state, RunState::SUCCESS);
    EXPECT_EQ(receiver.Requests().size(), 4u);
}

}  // namespace
}  // namespace hf::pipeline::testing

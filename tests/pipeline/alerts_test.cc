#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fstream>

#include "common/hash.h"
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
              R"({"facts":{"A":"1"},"key":"k","severity":"alerte","text":"body","title":"T"})");
}

}  // namespace
}  // namespace hf::pipeline::testing

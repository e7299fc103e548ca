#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <thread>

#include "common/fs.h"
#include "pipeline/cron.h"
#include "pipeline/daily_dag.h"
#include "pipeline/run_record.h"
#include "pipeline_fixture.h"
#include "support/cli_runner.h"

namespace hf::pipeline::testing {
namespace {

std::vector<std::string> DailyIds() {
    std::vector<std::string> ids;
    for (const auto& t : BuildDailyDag(Config::Defaults().With("pipeline.extract_tasks", "per_table"), false)) {
        ids.push_back(t.id);
    }
    return ids;
}

using nlohmann::json;

// A source nobody listens on: every extraction fails with a retryable error.
std::map<std::string, std::string> UnreachableSource(const std::string& webhook) {
    return {{"HEALTHFLOW_SOURCE_URL", "postgresql://healthflow@127.0.0.1:9/hopital"},
            {"HEALTHFLOW_SOURCE_PASSWORD", "x"},
            {"HEALTHFLOW_EXTRACT_CONNECT_ATTEMPTS", "1"},
            {"HEALTHFLOW_PIPELINE_RETRY_DELAY_SECONDS", "0.05"},
            {"HEALTHFLOW_ALERTS_WEBHOOKS", webhook},
            {"HEALTHFLOW_ALERTS_RETRY_BASE_MS", "10"},
            {"HEALTHFLOW_PIPELINE_EXTRACT_TASKS", "per_table"}};
}

TEST(RunCliTest, UnreachableSourceFailsTheRunSkipsDownstreamAlertsOncePerFailedTaskAndExitsNonZero) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    auto env = UnreachableSource(receiver.Url("/alerts"));
    auto out = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "run", "--date", "2026-12-04"}, env);
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
    EXPECT_NE(out.out.find("(logical date 2026-12-04, manual): failed"), std::string::npos) << out.out;
    EXPECT_NE(out.err.find("extract.patients"), std::string::npos) << out.err;

    RunStore store(dir.Path());
    auto runs = store.List();
    ASSERT_EQ(runs.size(), 1u);
    const auto& run = runs[0];
    EXPECT_EQ(run.state, RunState::FAILED);
    EXPECT_EQ(run.logical_date, "2026-12-04");
    std::set<std::string> failed;
    for (const auto& t : run.tasks) {
        if (t.task_id.rfind("extract.", 0) == 0) {
            EXPECT_EQ(t.state, TaskState::FAILED) << t.task_id;
            EXPECT_EQ(t.attempts, 3) << t.task_id;
            failed.insert(t.task_id);
        } else {
            EXPECT_EQ(t.state, TaskState::SKIPPED) << t.task_id;
            EXPECT_EQ(t.attempts, 0) << t.task_id;
        }
    }
    EXPECT_EQ(run.tasks.size(), DailyIds().size());

    // Exactly one alert per task failed for good, none for the skipped ones.
    auto requests = receiver.Requests();
    std::set<std::string> alerted;
    for (const auto& [path, body] : requests) {
        auto doc = json::parse(body);
        alerted.insert(doc.at("facts").at("Tâche").get<std::string>());
        EXPECT_EQ(doc.at("facts").at("Run"), run.run_id);
    }
    EXPECT_EQ(requests.size(), failed.size());
    EXPECT_EQ(alerted, failed);

    // History commands.
    auto runs_out = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "runs"});
    EXPECT_EQ(runs_out.exit_code, 0);
    EXPECT_NE(runs_out.out.find("2026-12-04 manual   failed"), std::string::npos) << runs_out.out;
    auto logs = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "logs", "last", "extract.patients"});
    EXPECT_EQ(logs.exit_code, 0);
    EXPECT_NE(logs.out.find("attempt 3 of 3 (logical date 2026-12-04)"), std::string::npos) << logs.out;
    auto missing = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "logs", "nope"});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("error: no run 'nope' in "), std::string::npos) << missing.err;
    auto stats = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "runs", "--stats"});
    EXPECT_EQ(stats.exit_code, 0);
    EXPECT_NE(stats.out.find("0.0 % (0 of 1 finished)"),
              std::string::npos)
        << stats.out;
}

TEST(RunCliTest, StatsShowTheLastSuccessfulRunAndTheWindow) {
    hf::testing::TempDir dir;
    RunStore store(dir.Path());
    auto save = [&store](const std::string& day, RunState state, int seconds, RunMetrics metrics) {
        RunRecord r;
        r.run_id = "202612" + day + "T050000000Z_schedule";
        r.logical_date = "2026-12-" + day;
        r.trigger = Trigger::SCHEDULE;
        r.state = state;
        r.started_at = ParseInstant("2026-12-" + day + "T05:00:00Z");
        r.ended_at = *r.started_at + std::chrono::seconds(seconds);
        r.metrics = metrics;
        store.Save(r);
    };
    save("02", RunState::SUCCESS, 4, RunMetrics{900, 4.0, {}, {}, {}, {}, {}});
    save("03", RunState::SUCCESS, 3, RunMetrics{1058, 3.0, 1.5, 11, 12, 12345678, 321});
    save("04", RunState::FAILED, 9, RunMetrics{{}, 9.0, {}, {}, {}, {}, {}});
    auto stats = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "runs", "--stats"});
    EXPECT_EQ(stats.exit_code, 0) << stats.err;
    EXPECT_EQ(stats.out,
              "metric                                       value\n"
              "records processed (last successful run)      1058\n"
              "end-to-end latency (last successful run)     3.00 s\n"
              "median latency (successful runs)             3.50 s\n"
              "success rate (last 30 runs)                  66.7 % (2 of 3 finished)\n"
              "transform time (transform.run)               1.50 s\n"
              "tests passed / total                         11 / 12\n"
              "warehouse size                               12.35 MB\n"
              "SCD2 patient versions                        321\n");
}

TEST(RunCliTest, OneBatchExtractionFailingSendsExactlyOneAlert) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    auto env = UnreachableSource(receiver.Url("/alerts"));
    env["HEALTHFLOW_PIPELINE_EXTRACT_TASKS"] = "one_batch";
    auto out = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "run", "--date", "2026-12-04"}, env);
    EXPECT_EQ(out.exit_code, 1) << out.err;
    auto runs = RunStore(dir.Path()).List();
    ASSERT_EQ(runs.size(), 1u);
    ASSERT_EQ(runs[0].tasks.size(), 9u);
    EXPECT_EQ(runs[0].tasks[0].task_id, "extract");
    EXPECT_EQ(runs[0].tasks[0].state, TaskState::FAILED);
    EXPECT_EQ(runs[0].tasks[0].attempts, 3);
    for (size_t i = 1; i < runs[0].tasks.size(); ++i) {
        EXPECT_EQ(runs[0].tasks[i].state, TaskState::SKIPPED) << runs[0].tasks[i].task_id;
    }
    auto requests = receiver.Requests();
    ASSERT_EQ(requests.size(), 1u);
    auto alert = json::parse(requests[0].second);
    EXPECT_EQ(alert.at("key"), "task-failed:" + runs[0].run_id + ":extract");
    EXPECT_EQ(alert.at("facts").at("Tâches ignorées"),
              "load.services, load.patients, load.admissions, load.stocks_medicaments, transform.seed, "
              "transform.snapshot, transform.run, transform.test");
}

TEST(RunCliTest, SingleTaskForAirflowMakesOneAttemptAndOneAlert) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    auto out = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "run", "--task", "extract.services",
                                           "--date", "2026-12-04", "--trigger", "schedule"},
                                          UnreachableSource(receiver.Url("/a")));
    EXPECT_EQ(out.exit_code, 1);
    auto runs = RunStore(dir.Path()).List();
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].trigger, Trigger::SCHEDULE);
    ASSERT_EQ(runs[0].tasks.size(), 1u);
    EXPECT_EQ(runs[0].tasks[0].attempts, 1);
    EXPECT_EQ(receiver.Requests().size(), 1u);
}

TEST(RunCliTest, CommandLineMistakesAreExplained) {
    hf::testing::TempDir dir;
    auto bad_date = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "run", "--date", "2026-13-01"});
    EXPECT_EQ(bad_date.exit_code, 2);
    EXPECT_EQ(bad_date.err, "error: '2026-13-01' is not a date (hint: write dates as YYYY-MM-DD, e.g. 2026-12-04)\n");
    auto bad_cron = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "scheduler", "--cron", "0 25 * * *"});
    EXPECT_EQ(bad_cron.exit_code, 2);
    EXPECT_NE(bad_cron.err.find("hour field '25' is out of range (0-23)"), std::string::npos) << bad_cron.err;
    auto backwards = hf::testing::RunHealthflow(
        {"--data-dir", dir.Path().string(), "backfill", "--from", "2026-12-04", "--to", "2026-12-01"});
    EXPECT_EQ(backwards.exit_code, 2);
    EXPECT_EQ(backwards.err,
              "error: backfill: --to 2026-12-01 is before --from 2026-12-04 (hint: give the dates oldest first)\n");
    auto none = hf::testing::RunHealthflow({"--data-dir", dir.Path().string(), "runs"});
    EXPECT_EQ(none.exit_code, 0);
    EXPECT_NE(none.out.find("no run yet"), std::string::npos);
}

TEST(RunCliTest, BackfillRunsOneRunPerDateInOrder) {
    hf::testing::TempDir dir;
    WebhookReceiver receiver;
    auto out = hf::testing::RunHealthflow(
        {"--data-dir", dir.Path().string(), "backfill", "--from", "2026-11-29", "--to", "2026-12-01"},
        UnreachableSource(receiver.Url("/a")));
    EXPECT_EQ(out.exit_code, 1);
    auto runs = RunStore(dir.Path()).List();
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].logical_date, "2026-11-29");
    EXPECT_EQ(runs[1].logical_date, "2026-11-30");
    EXPECT_EQ(runs[2].logical_date, "2026-12-01");
    for (const auto& r : runs) {
        EXPECT_EQ(r.trigger, Trigger::BACKFILL);
    }
}

TEST(RunCliTest, SchedulerWaitsForItsSlotAndStopsCleanlyOnSigterm) {
    hf::testing::TempDir dir;
    auto out_path = dir.Path() / "out.txt";
    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        int fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        ::dup2(fd, 1);
        ::dup2(fd, 2);
        std::vector<std::string> args = {std::getenv("HF_BINARY"), "--data-dir", dir.Path().string(), "scheduler",
                                         "--cron", "0 6 1 1 *", "--timezone", "Europe/Paris"};
        std::vector<char*> argv;
        for (auto& a : args) {
            argv.push_back(a.data());
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    std::string text;
    for (int i = 0; i < 100 && text.find("next run at") == std::string::npos; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        std::ifstream in(out_path);
        text.assign(std::istreambuf_iterator<char>(in), {});
    }
    ::kill(child, SIGTERM);
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status)) << text;
    EXPECT_EQ(WEXITSTATUS(status), 0);
    std::ifstream in(out_path);
    text.assign(std::istreambuf_iterator<char>(in), {});
    EXPECT_NE(text.find("scheduler: '0 6 1 1 *' in Europe/Paris"), std::string::npos) << text;
    UseTimeZone("Europe/Paris");
    Instant next = CronExpression::Parse("0 6 1 1 *").NextAfter(SystemClock().Now());
    EXPECT_NE(text.find("next run at " + LocalTimeText(next) + " (" + FormatInstant(next) + ")"), std::string::npos)
        << text;
    EXPECT_EQ(LocalTimeText(next).substr(4), "-01-01 06:00 CET");
    EXPECT_NE(text.find("stopping (signal 15)"), std::string::npos) << text;
    EXPECT_TRUE(RunStore(dir.Path()).List().empty());
}

}  // namespace
}  // namespace hf::pipeline::testing

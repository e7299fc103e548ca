// The scheduler hosted by the dashboards' server (`serve --scheduler`) at the C++ level: a real
// serve::Server whose background service is the HostedScheduler on a controllable clock, runs
// started through BackgroundRuns on a real PostgreSQL source and a DuckDB warehouse.
#include <gtest/gtest.h>

#include <httplib.h>

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <thread>

#include <nlohmann/json.hpp>

#include "db/warehouse.h"
#include "pipeline/background_run.h"
#include "pipeline/cron.h"
#include "pipeline/hosted_scheduler.h"
#include "pipeline_fixture.h"
#include "serve/server.h"
#include "serve/warehouse_threads.h"
#include "source/generator_fixture.h"

namespace hf::pipeline::testing {
namespace {

using nlohmann::json;

// A clock whose first wait ends at once (the time jumps to its deadline) and whose later waits
// last until stopped: the scheduler fires exactly one slot.
class OneSlotClock final : public Clock {
public:
    explicit OneSlotClock(Instant start) : now_(start) {}
    Instant Now() override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    bool SleepUntil(Instant deadline, std::stop_token stop) override {
        std::unique_lock lock(mutex_);
        if (!slept_) {
            slept_ = true;
            now_ = std::max(now_, deadline);
            return !stop.stop_requested();
        }
        wake_.wait(lock, stop, [] { return false; });
        return false;
    }

private:
    std::mutex mutex_;
    std::condition_variable_any wake_;
    Instant now_;
    bool slept_ = false;
};

// DuckDB's `threads` setting as a new connection of the process sees it.
std::string ThreadsSetting(const Config& config) {
    auto rows = db::OpenWarehouse(config)->Query("SELECT CAST(current_setting('threads') AS VARCHAR) AS threads");
    return rows.Text(0, 0);
}

TEST(HostedSchedulerTest, TheServerFiresAScheduledRunAndShowsTheNextSlot) {
    auto spec = source::generator::testing_support::GenerateInto("pipeline_hosted", 5, "2026-11-30", 30, 0.3);
    hf::testing::TempDir dir;
    const char* source_dir = std::getenv("HF_SOURCE_DIR");
    Config config =
        TestConfig(dir, {{"source.url", spec.url},
                         {"extract.safety_margin_seconds", "0"},
                         {"pipeline.project_dir", std::string(source_dir ? source_dir : ".") + "/warehouse"},
                         {"pipeline.retry_delay_seconds", "0"},
                         {"pipeline.schedule", "*/5 * * * *"},
                         {"pipeline.timezone", "Europe/Paris"}});
    ::setenv("HEALTHFLOW_SOURCE_PASSWORD", spec.password.value_or("").c_str(), 1); // a secret: environment only
    UseTimeZone("Europe/Paris");
    OneSlotClock clock(ParseInstant("2026-12-04T09:58:30Z"));
    BackgroundRuns runs(config);
    HostedScheduler scheduler(config, runs, &clock);
    std::atomic<int> finished = 0;
    auto held = db::OpenWarehouse(config); // keeps the process's DuckDB instance, and its settings, open
    const std::string default_threads = ThreadsSetting(config);
    serve::WarehouseThreads threads([config] { return db::OpenWarehouse(config); }, 1);
    threads.OnOpen(*held);
    ASSERT_EQ(ThreadsSetting(config), "1");
    std::mutex events_mutex;
    std::vector<std::string> events; // guarded by events_mutex
    auto note = [&](const std::string& event) {
        std::lock_guard lock(events_mutex);
        events.push_back(event);
    };
    runs.SetAroundRun(
        [&] {
            threads.ForRun();
            note("before, threads " + ThreadsSetting(config));
        },
        [&] {
            threads.ForServing();
            note("after, threads " + ThreadsSetting(config));
        });

    serve::ServerOptions options;
    options.port = 0;
    options.threads = 4;
    options.data_dir = dir.Path();
    options.cache_seconds = 600;
    options.open_warehouse = [config] { return db::OpenWarehouse(config); };
    options.services.push_back({"scheduler", [&scheduler](std::stop_token stop) { scheduler.Run(stop); }});
    options.scheduler_status = [&scheduler] {
        auto status = scheduler.Status();
        return json{{"cron", status.cron},
                    {"fuseau", status.timezone},
                    {"prochaine_execution", status.next_run ? json(FormatInstant(*status.next_run)) : json()}};
    };
    serve::Server server(std::move(options));
    runs.SetOnFinished([&server, &finished, &note](const RunRecord&) {
        server.InvalidateCache();
        note("finished");
        ++finished;
    });
    int port = server.Bind();
    std::thread serving([&server] { server.Run(); });

    std::optional<RunRecord> run;
    for (int i = 0; i < 1200 && !run; ++i) {
        for (const auto& r : RunStore(dir.Path()).List()) {
            if (r.state != RunState::RUNNING && finished.load() == 1) {
                run = r;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_TRUE(run) << "no scheduled run ended";
    EXPECT_EQ(run->trigger, Trigger::SCHEDULE);
    EXPECT_EQ(run->logical_date, "2026-12-04"); // the slot 10:00 UTC is 11:00 in Paris
    EXPECT_EQ(run->state, RunState::SUCCESS);
    EXPECT_EQ(RunStore(dir.Path()).List().size(), 1u);

    for (int i = 0; i < 100 && scheduler.Status().next_run != ParseInstant("2026-12-04T10:05:00Z"); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    httplib::Client client("127.0.0.1", port);
    auto res = client.Get("/api/pipeline/runs");
    ASSERT_TRUE(res);
    auto body = json::parse(res->body);
    ASSERT_EQ(body["rows"].size(), 1u);
    EXPECT_EQ(body["rows"][0]["trigger"], "schedule");
    EXPECT_EQ(body["planificateur"], json({{"heberge", true},
                                           {"cron", "*/5 * * * *"},
                                           {"fuseau", "Europe/Paris"},
                                           {"prochaine_execution", "2026-12-04T10:05:00Z"}}));

    server.Stop();
    serving.join();
    runs.Shutdown();
    EXPECT_EQ(RunStore(dir.Path()).List().size(), 1u);
    // The run had DuckDB's default threads, and the dashboards got theirs back after it.
    std::lock_guard lock(events_mutex);
    EXPECT_EQ(events, (std::vector<std::string>{"before, threads " + default_threads, "finished", "after, threads 1"}));
}

} // namespace
} // namespace hf::pipeline::testing

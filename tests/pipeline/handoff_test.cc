// `healthflow run`, `backfill` and `scheduler` while `healthflow serve` holds the warehouse: the
// real binary, a real server on a free 127.0.0.1 port, a real PostgreSQL source.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <set>

#include "pipeline/cron.h"
#include "pipeline/run_record.h"
#include "pipeline_fixture.h"
#include "serve_process.h"
#include "source/generator_fixture.h"
#include "support/cli_runner.h"

namespace hf::pipeline::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string SourceDir() {
    const char* dir = std::getenv("HF_SOURCE_DIR");
    return dir ? dir : ".";
}

// The hospital every test of this file reads, generated once.
const pg::ConnectionSpec& Source() {
    static const pg::ConnectionSpec spec =
        source::generator::testing_support::GenerateInto("pipeline_handoff", 11, "2026-11-30", 60, 0.5);
    return spec;
}

std::map<std::string, std::string> Env(const pg::ConnectionSpec& spec) {
    return {{"HEALTHFLOW_SOURCE_URL", spec.url},
            {"HEALTHFLOW_SOURCE_PASSWORD", spec.password.value_or("")},
            {"HEALTHFLOW_EXTRACT_SAFETY_MARGIN_SECONDS", "0"},
            {"HEALTHFLOW_PIPELINE_PROJECT_DIR", SourceDir() + "/warehouse"},
            {"HEALTHFLOW_PIPELINE_RETRY_DELAY_SECONDS", "0"},
            {"HEALTHFLOW_SERVE_CACHE_SECONDS", "600"}};
}

// A source nobody listens on: extraction fails at once.
std::map<std::string, std::string> UnreachableEnv() {
    return {{"HEALTHFLOW_SOURCE_URL", "postgresql://healthflow@127.0.0.1:9/hopital"},
            {"HEALTHFLOW_SOURCE_PASSWORD", "x"},
            {"HEALTHFLOW_EXTRACT_CONNECT_ATTEMPTS", "1"},
            {"HEALTHFLOW_PIPELINE_RETRIES", "0"}};
}

std::vector<std::string> Args(const fs::path& dir, std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", dir.string()});
    return args;
}

long long SourceCount(const std::string& sql) {
    auto conn = pg::Connection::Open(Source()).Value();
    return std::stoll(std::string(conn.Exec(sql).Get(0, 0)));
}

// Waits until run `run_id` of `dir` has ended; returns it.
RunRecord WaitForEnd(const fs::path& dir, const std::string& run_id) {
    for (int i = 0; i < 1200; ++i) {
        try {
            auto run = RunStore(dir).Load(run_id);
            if (run.state != RunState::RUNNING) {
                return run;
            }
        } catch (const Error&) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    throw Error(ErrorKind::TIMEOUT, "run " + run_id + " did not end");
}

json GetJsonOf(httplib::Client& client, const std::string& path, int* status = nullptr) {
    auto res = client.Get(path);
    if (!res) {
        ADD_FAILURE() << "no answer for " << path;
        return nullptr;
    }
    if (status != nullptr) {
        *status = res->status;
    }
    return json::parse(res->body, nullptr, false);
}

RunRecord Latest(const fs::path& dir) {
    auto runs = RunStore(dir).List();
    if (runs.empty()) {
        throw Error(ErrorKind::NOT_FOUND, "no run in " + dir.string());
    }
    return runs.back();
}

TEST(HandOffTest, RunsAreHandedToTheServerFollowedAndShownByItsApi) {
    auto env = Env(Source());
    hf::testing::TempDir dir;
    ServeProcess server(dir.Path(), env);
    const std::string handed = "handed to the dashboards' server (pid " + std::to_string(server.Pid()) + ")";
    auto client = server.Client();
    auto before = client->Get("/api/meta");
    ASSERT_TRUE(before);
    EXPECT_EQ(before->status, 503); // no marts yet

    // A whole run, handed over and followed: progress lines, summary, exit code, record.
    auto first = hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--date", "2026-11-30"}), env);
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err << server.Output();
    EXPECT_NE(first.err.find(handed), std::string::npos) << first.err;
    EXPECT_NE(first.err.find("transform.test"), std::string::npos) << first.err;
    EXPECT_NE(first.out.find("(logical date 2026-11-30, manual): success"), std::string::npos) << first.out;
    auto run = Latest(dir.Path());
    EXPECT_EQ(run.trigger, Trigger::MANUAL);
    EXPECT_EQ(run.state, RunState::SUCCESS);
    EXPECT_EQ(run.logical_date, "2026-11-30");
    EXPECT_EQ(run.tasks.size(), 9u);

    // The marts answer through the API, and new figures after the next run (cache dropped).
    const long long services = SourceCount("SELECT count(*) FROM services");
    int status = 0;
    auto meta = GetJsonOf(*client, "/api/meta", &status);
    EXPECT_EQ(status, 200);
    EXPECT_EQ(static_cast<long long>(meta["rows"].size()), services);
    {
        auto conn = pg::Connection::Open(Source()).Value();
        conn.Exec("INSERT INTO services (code, nom_service, capacite_lits) VALUES ('HANDOFF', 'Service ajouté', 12)");
    }
    auto second = hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--date", "2026-12-01"}), env);
    ASSERT_EQ(second.exit_code, 0) << second.out << second.err;
    meta = GetJsonOf(*client, "/api/meta", &status);
    EXPECT_EQ(static_cast<long long>(meta["rows"].size()), services + 1);

    // A run handed over while another runs in the server: CONFLICT naming it.
    auto started = client->Post("/api/pipeline/runs", {{"X-HealthFlow-Control", server.Announcement().token}},
                                R"({"logical_date":"2026-12-02","full_refresh":true})", "application/json");
    ASSERT_TRUE(started);
    ASSERT_EQ(started->status, 202) << started->body;
    std::string busy_id = json::parse(started->body)["run_id"];
    auto refused = hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--date", "2026-12-02"}), env);
    EXPECT_EQ(refused.exit_code, 1) << refused.out << refused.err;
    EXPECT_NE(refused.err.find("error: a pipeline run is already in progress on " + dir.Path().string() + " (run " +
                               busy_id + ", pid " + std::to_string(server.Pid()) + ")"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(WaitForEnd(dir.Path(), busy_id).state, RunState::SUCCESS);

    // --task and --full-refresh reach the server: one task, every source row extracted again.
    const long long source_rows =
        SourceCount("SELECT (SELECT count(*) FROM services) + (SELECT count(*) FROM patients) + "
                    "(SELECT count(*) FROM admissions) + (SELECT count(*) FROM stocks_medicaments)");
    auto incremental =
        hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--task", "extract", "--date", "2026-12-03"}), env);
    ASSERT_EQ(incremental.exit_code, 0) << incremental.out << incremental.err;
    run = Latest(dir.Path());
    ASSERT_EQ(run.tasks.size(), 1u);
    EXPECT_EQ(run.tasks[0].task_id, "extract");
    EXPECT_LT(run.tasks[0].rows_out, source_rows);
    auto full = hf::testing::RunHealthflow(
        Args(dir.Path(), {"run", "--task", "extract", "--full-refresh", "--date", "2026-12-03"}), env);
    ASSERT_EQ(full.exit_code, 0) << full.out << full.err;
    EXPECT_NE(full.err.find(handed), std::string::npos) << full.err;
    run = Latest(dir.Path());
    ASSERT_EQ(run.tasks.size(), 1u);
    EXPECT_EQ(run.tasks[0].task_id, "extract");
    EXPECT_EQ(run.tasks[0].state, TaskState::SUCCESS);
    EXPECT_EQ(run.tasks[0].attempts, 1);
    EXPECT_EQ(run.tasks[0].rows_out, source_rows);

    // A request the pipeline refuses is printed as a local run would print it.
    auto bad = hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--task", "nosuch"}), env);
    EXPECT_EQ(bad.exit_code, 2) << bad.out << bad.err;
    EXPECT_EQ(bad.err.rfind("error: the pipeline has no task 'nosuch' (hint: tasks: extract, load.", 0), 0u) << bad.err;

    // The control token: a wrong one is refused.
    auto forged =
        client->Post("/api/pipeline/runs", {{"X-HealthFlow-Control", "not-the-token"}}, "{}", "application/json");
    ASSERT_TRUE(forged);
    EXPECT_EQ(forged->status, 403);
    EXPECT_EQ(json::parse(forged->body)["error"], "jeton de contrôle refusé");

    // Backfill hands over too; the scheduler belongs in the server.
    auto backfill =
        hf::testing::RunHealthflow(Args(dir.Path(), {"backfill", "--from", "2026-12-04", "--to", "2026-12-05"}), env);
    EXPECT_EQ(backfill.exit_code, 0) << backfill.out << backfill.err;
    auto runs = RunStore(dir.Path()).List();
    ASSERT_GE(runs.size(), 2u);
    EXPECT_EQ(runs[runs.size() - 2].logical_date, "2026-12-04");
    EXPECT_EQ(runs.back().logical_date, "2026-12-05");
    EXPECT_EQ(runs.back().trigger, Trigger::BACKFILL);
    auto scheduler = hf::testing::RunHealthflow(Args(dir.Path(), {"scheduler"}), env);
    EXPECT_EQ(scheduler.exit_code, 1);
    EXPECT_NE(scheduler.err.find("healthflow serve --scheduler"), std::string::npos) << scheduler.err;
    auto listed = GetJsonOf(*client, "/api/pipeline/runs", &status);
    EXPECT_EQ(listed["planificateur"],
              json({{"heberge", false}, {"cron", nullptr}, {"fuseau", nullptr}, {"prochaine_execution", nullptr}}));

    // Stopping the server during a run: the run is stopped cleanly (recorded failed, never left
    // running), then serve.json goes.
    auto last = client->Post("/api/pipeline/runs", {{"X-HealthFlow-Control", server.Announcement().token}},
                             R"({"logical_date":"2026-12-06"})", "application/json");
    ASSERT_TRUE(last);
    ASSERT_EQ(last->status, 202) << last->body;
    EXPECT_EQ(server.Stop(), 0);
    auto stopped = RunStore(dir.Path()).Load(json::parse(last->body)["run_id"]);
    EXPECT_EQ(stopped.state, RunState::FAILED);
    EXPECT_EQ(stopped.FindTask("transform.test")->state, TaskState::SKIPPED);
    EXPECT_FALSE(fs::exists(dir.Path() / "serve.json"));
}

TEST(HandOffTest, AFailedHandedRunExitsOneAndAServerWithTheSchedulerSaysSo) {
    hf::testing::TempDir dir;
    auto env = UnreachableEnv();
    ServeProcess server(dir.Path(), env, {"--scheduler"});
    auto out = hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--date", "2026-12-04"}), env);
    EXPECT_EQ(out.exit_code, 1) << out.out << out.err;
    EXPECT_NE(out.err.find("handed to the dashboards' server"), std::string::npos) << out.err;
    EXPECT_NE(out.out.find("(logical date 2026-12-04, manual): failed"), std::string::npos) << out.out;
    auto run = Latest(dir.Path());
    EXPECT_EQ(run.state, RunState::FAILED);
    EXPECT_EQ(run.FindTask("extract")->state, TaskState::FAILED);
    EXPECT_EQ(run.FindTask("transform.test")->state, TaskState::SKIPPED);

    auto scheduler = hf::testing::RunHealthflow(Args(dir.Path(), {"scheduler"}), env);
    EXPECT_EQ(scheduler.exit_code, 0) << scheduler.err;
    EXPECT_EQ(scheduler.out, "the dashboards' server (pid " + std::to_string(server.Pid()) +
                                 ") already hosts the scheduler ('@daily' in Europe/Paris): nothing to do\n");

    UseTimeZone("Europe/Paris");
    auto next = CronExpression::Parse("@daily").NextAfter(std::chrono::system_clock::now());
    auto client = server.Client();
    auto listed = GetJsonOf(*client, "/api/pipeline/runs");
    EXPECT_EQ(listed["planificateur"], json({{"heberge", true},
                                             {"cron", "@daily"},
                                             {"fuseau", "Europe/Paris"},
                                             {"prochaine_execution", FormatInstant(next)}}));
    EXPECT_EQ(server.Stop(), 0);
}

TEST(HandOffTest, AStaleAnnouncementIsIgnoredAndReplaced) {
    hf::testing::TempDir dir;
    pid_t dead = ::fork();
    if (dead == 0) {
        ::_exit(0);
    }
    ::waitpid(dead, nullptr, 0);
    auto env = UnreachableEnv();
    // A dead process, and a live one that is no server (a pid reused after a reboot).
    for (long pid : {static_cast<long>(dead), static_cast<long>(::getpid())}) {
        SCOPED_TRACE("pid " + std::to_string(pid));
        json stale = {{"pid", pid},     {"bind", "127.0.0.1"},
                      {"port", 9},      {"started_at", "2026-12-01T00:00:00Z"},
                      {"token", "old"}, {"data_dir", dir.Path().string()}};
        { std::ofstream(dir.Path() / "serve.json") << stale.dump(); }
        auto out =
            hf::testing::RunHealthflow(Args(dir.Path(), {"run", "--task", "extract", "--date", "2026-12-04"}), env);
        EXPECT_EQ(out.exit_code, 1) << out.out << out.err; // ran here, against the unreachable source
        EXPECT_EQ(out.err.find("handed to"), std::string::npos) << out.err;
        EXPECT_EQ(Latest(dir.Path()).FindTask("extract")->state, TaskState::FAILED);
    }

    ServeProcess server(dir.Path(), env);
    EXPECT_NE(server.Pid(), dead);
    EXPECT_EQ(fs::status(dir.Path() / "serve.json").permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write);
    auto second = hf::testing::RunHealthflow(Args(dir.Path(), {"serve", "--port", "0"}), env);
    EXPECT_EQ(second.exit_code, 1);
    EXPECT_NE(second.err.find("another `healthflow serve` (pid " + std::to_string(server.Pid()) + ")"),
              std::string::npos)
        << second.err;
}

} // namespace
} // namespace hf::pipeline::testing

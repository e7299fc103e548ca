#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <set>
#include <thread>

#include "common/fs.h"
#include "db/warehouse.h"
#include "pipeline/daily_dag.h"
#include "pipeline/run_record.h"
#include "pipeline_fixture.h"
#include "source/generator_fixture.h"
#include "support/cli_runner.h"

namespace hf::pipeline::testing {
namespace {

namespace fs = std::filesystem;

std::string SourceDir() {
    const char* dir = std::getenv("HF_SOURCE_DIR");
    return dir ? dir : ".";
}

std::map<std::string, std::string> Env(const pg::ConnectionSpec& spec) {
    return {{"HEALTHFLOW_SOURCE_URL", spec.url},
            {"HEALTHFLOW_SOURCE_PASSWORD", spec.password.value_or("")},
            {"HEALTHFLOW_EXTRACT_SAFETY_MARGIN_SECONDS", "0"},
            {"HEALTHFLOW_PIPELINE_PROJECT_DIR", SourceDir() + "/warehouse"},
            {"HEALTHFLOW_PIPELINE_RETRY_DELAY_SECONDS", "0"}};
}

// Columns that record when the warehouse was built rather than what it holds: the snapshot's
// validity instants (check strategy: the build time) and what is derived from them (including
// fct_hospitalisations._versions_at), the audit instants of extraction and load, the build time
// of kpi_reference.
const std::set<std::string> kBuildTimeColumns = {
    "dbt_valid_from", "dbt_valid_to", "dbt_updated_at", "dbt_scd_id", "patient_key", "_extracted_at", "_loaded_at",
    "_extraction_batch_id", "_source_file", "derniere_extraction", "derniere_construction", "snapshot_valid_from",
    "snapshot_valid_to", "_versions_at"};

// count and md5 of every row of every table and view of the core and marts schemas (build-time
// columns left out), keyed by schema.table.
std::map<std::string, std::string> WarehouseChecksums(const fs::path& data_dir) {
    Config config = Config::Defaults().With("data_dir", data_dir.string());
    auto warehouse = db::OpenWarehouse(config);
    std::map<std::string, std::string> out;
    for (const char* schema : {"core", "marts"}) {
        for (const auto& rel : warehouse->ListRelations(schema)) {
            std::string columns;
            for (const auto& c : warehouse->ListColumns(rel.schema, rel.name)) {
                if (!kBuildTimeColumns.count(c.name)) {
                    columns += (columns.empty() ? "" : ", ") + db::Warehouse::QuoteIdentifier(c.name);
                }
            }
            std::string name = db::Warehouse::QuoteIdentifier(rel.schema) + "." + db::Warehouse::QuoteIdentifier(rel.name);
            auto rs = warehouse->Query("SELECT count(*) || ':' || coalesce(md5(string_agg(CAST(t AS VARCHAR), '|' "
                                       "ORDER BY CAST(t AS VARCHAR))), '') FROM (SELECT " + columns + " FROM " + name +
                                       ") t");
            out[rel.schema + "." + rel.name] = rs.Text(0, 0);
        }
    }
    return out;
}

std::optional<std::string> RunningTask(const fs::path& data_dir) {
    RunStore store(data_dir);
    for (const auto& run : store.List()) {
        for (const auto& t : run.tasks) {
            if (t.state == TaskState::RUNNING) {
                return t.task_id;
            }
        }
    }
    return std::nullopt;
}

TEST(CrashRecoveryTest, RunKilledMidwayThenRerunGivesTheSameWarehouseAsAnUninterruptedRun) {
    ASSERT_TRUE(fs::exists(SourceDir() + "/warehouse/dbt_project.yml")) << "the warehouse project is missing";
    auto spec = source::generator::testing_support::GenerateInto("pipeline_crash", 7, "2026-11-30", 60, 0.5);
    auto env = Env(spec);

    hf::testing::TempDir clean;
    auto first = hf::testing::RunHealthflow({"--data-dir", clean.Path().string(), "run", "--date", "2026-11-30"}, env);
    ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
    auto expected = WarehouseChecksums(clean.Path());
    ASSERT_FALSE(expected.empty());

    // Killed during an extraction, during the snapshot, and in the middle of the models.
    for (const std::string target : {"extract", "transform.snapshot", "transform.run"}) {
        SCOPED_TRACE("killed in " + target);
        hf::testing::TempDir crashed;
        pid_t child = ::fork();
        ASSERT_GE(child, 0);
        if (child == 0) {
            for (const auto& [name, value] : env) {
                ::setenv(name.c_str(), value.c_str(), 1);
            }
            int devnull = ::open("/dev/null", O_WRONLY);
            ::dup2(devnull, 1);
            ::dup2(devnull, 2);
            std::vector<std::string> args = {std::getenv("HF_BINARY"), "--data-dir", crashed.Path().string(), "run",
                                             "--date", "2026-11-30"};
            std::vector<char*> argv;
            for (auto& a : args) {
                argv.push_back(a.data());
            }
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            ::_exit(127);
        }
        bool killed = false;
        for (int i = 0; i < 60000 && !killed; ++i) {
            auto task = RunningTask(crashed.Path());
            if (task && *task == target) {
                std::this_thread::sleep_for(std::chrono::milliseconds(target == "transform.run" ? 150 : 20));
                ::kill(child, SIGKILL);
                killed = true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        int status = 0;
        ::waitpid(child, &status, 0);
        ASSERT_TRUE(killed) << "the run ended before it could be interrupted";
        ASSERT_TRUE(WIFSIGNALED(status));

        auto rerun =
            hf::testing::RunHealthflow({"--data-dir", crashed.Path().string(), "run", "--date", "2026-11-30"}, env);
        ASSERT_EQ(rerun.exit_code, 0) << rerun.out << rerun.err;
        auto runs = RunStore(crashed.Path()).List();
        ASSERT_EQ(runs.size(), 2u);
        EXPECT_EQ(runs[0].state, RunState::FAILED);
        EXPECT_EQ(runs[0].FindTask(target)->state, TaskState::FAILED);
        EXPECT_EQ(runs[1].state, RunState::SUCCESS);
        EXPECT_EQ(WarehouseChecksums(crashed.Path()), expected);
    }
}

}  // namespace
}  // namespace hf::pipeline::testing

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <map>

#include "batch_fixture.h"
#include "db/warehouse_fixture.h"
#include "load/loader.h"

namespace hf::load::testing {
namespace {

using db::testing::WarehouseTest;

const std::string kBatch = "20261128T180005Z_3fa91c07";
constexpr int kRows = 200000;

// What a load leaves behind, as one comparable text.
std::string Fingerprint(db::Warehouse& wh) {
    auto rs = wh.Query(
        "SELECT (SELECT count(*) FROM staging.stg_admissions), (SELECT sum(id) FROM staging.stg_admissions), "
        "(SELECT sum(cout_total) FROM staging.stg_admissions), (SELECT count(DISTINCT motif) FROM "
        "staging.stg_admissions), (SELECT count(*) FROM staging.load_history), (SELECT sum(rows_loaded) FROM "
        "staging.load_history), (SELECT count(*) FROM staging.load_rejects)");
    std::string out;
    for (size_t c = 0; c < rs.ColumnCount(); ++c) {
        out += rs.Text(0, c) + "|";
    }
    return out;
}

// Runs `healthflow` with `args` and SIGKILLs it as soon as it reports rows of a file in progress
// (on stderr). Returns its wait status.
int RunAndKill(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
    int pipefd[2];
    if (pipe(pipefd) != 0) {
        ADD_FAILURE() << "pipe failed";
        return -1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pipefd[1], STDERR_FILENO);
        close(pipefd[0]);
        close(pipefd[1]);
        for (const auto& [k, v] : env) {
            setenv(k.c_str(), v.c_str(), 1);
        }
        std::vector<char*> argv;
        for (const auto& a : args) {
            argv.push_back(const_cast<char*>(a.c_str()));
        }
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(pipefd[1]);
    FILE* err = fdopen(pipefd[0], "r");
    char line[1024];
    std::string seen;
    bool killed = false;
    while (std::fgets(line, sizeof line, err) != nullptr) {
        seen += line;
        long long rows = 0;
        const char* at = std::strstr(line, " MB, ");
        if (at != nullptr && std::sscanf(at, " MB, %lld rows", &rows) == 1 && rows > 0) {
            kill(pid, SIGKILL);
            killed = true;
            break;
        }
    }
    EXPECT_TRUE(killed) << "the load finished before it could be killed:\n" << seen;
    int status = 0;
    waitpid(pid, &status, 0);
    std::fclose(err);
    return status;
}

class LoadCrashTest : public WarehouseTest {};

TEST_P(LoadCrashTest, KilledLoadThenRerunEqualsAnUninterruptedLoad) {
    lake::LocalObjectStore lake(dir_.Path() / "lake");
    WriteBatch(lake, kBatch, {{"admissions", AdmissionsColumns(), AdmissionLines(kBatch, kRows)}});
    const char* binary = std::getenv("HF_BINARY");
    ASSERT_NE(binary, nullptr);
    const bool duck = GetParam() == "duckdb";
    std::vector<std::string> args = {binary, "--data-dir", dir_.Path().string(), "load", "--lake",
                                     (dir_.Path() / "lake").string()};
    std::map<std::string, std::string> env = {{"HEALTHFLOW_LOAD_PROGRESS_SECONDS", "0.02"}};
    if (duck) {
        wh_.reset();  // one process per DuckDB file: the child takes it
    } else {
        args.insert(args.end(), {"--warehouse-url", spec_.url});
        env["HEALTHFLOW_WAREHOUSE_PASSWORD"] = spec_.password.value_or("");
    }
    int status = RunAndKill(args, env);
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
    if (duck) {
        wh_ = db::DuckDbWarehouse::Open(dir_.Path() / "warehouse.duckdb").Value();
    }
    // Nothing of the interrupted file is visible.
    EXPECT_FALSE(wh_->RelationExists("staging", "stg_admissions"));
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM staging.load_history").Int(0, 0), 0);

    auto rerun = LoadLake(lake, *wh_);
    ASSERT_FALSE(rerun.failure.has_value()) << rerun.failure->Message();
    EXPECT_EQ(rerun.RowsLoaded(), kRows);

    // The same lake loaded without interruption into a second warehouse.
    std::unique_ptr<db::Warehouse> clean;
    hf::testing::TempDir other;
    if (duck) {
        clean = db::DuckDbWarehouse::Open(other.Path() / "clean.duckdb").Value();
    } else {
        clean = db::PostgresWarehouse::Open(hf::testing::TestPostgres::Instance().FreshDatabase("load_crash_clean"))
                    .Value();
    }
    LoadLake(lake, *clean);
    const std::string expected = std::to_string(kRows) + "|" + std::to_string(20000100000LL) + "|";
    EXPECT_EQ(Fingerprint(*wh_).substr(0, expected.size()), expected);
    EXPECT_EQ(Fingerprint(*wh_), Fingerprint(*clean));
    EXPECT_EQ(LoadLake(lake, *wh_).RowsLoaded(), 0);
    EXPECT_EQ(Fingerprint(*wh_), Fingerprint(*clean));
}

INSTANTIATE_TEST_SUITE_P(Engines, LoadCrashTest, ::testing::Values("duckdb", "postgres"), db::testing::EngineName);

}  // namespace
}  // namespace hf::load::testing

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <set>
#include <thread>

#include "common/process.h"
#include "common/strings.h"
#include "extract/extract_lock.h"
#include "extract_fixture.h"
#include "lake/layout.h"

namespace hf::extract::testing {
namespace {

namespace fs = std::filesystem;

std::string Binary() {
    const char* binary = std::getenv("HF_BINARY");
    if (binary == nullptr) {
        throw Error(ErrorKind::INTERNAL, "HF_BINARY is not set", "run the suite through ctest");
    }
    return binary;
}

class ExtractCliTest : public ExtractTest {
protected:
    std::vector<std::string> Argv(std::vector<std::string> args) {
        std::vector<std::string> argv = {Binary(), "--data-dir", dir_.Path().string(), "extract"};
        argv.insert(argv.end(), args.begin(), args.end());
        return argv;
    }
    std::map<std::string, std::string> Env() {
        return {{"HEALTHFLOW_SOURCE_URL", spec_.url},
                {"HEALTHFLOW_SOURCE_PASSWORD", spec_.password.value_or("")},
                {"HEALTHFLOW_EXTRACT_SAFETY_MARGIN_SECONDS", "0"}};
    }
    ProcessOutcome Run(std::vector<std::string> args) {
        ProcessOptions options;
        options.extra_env = Env();
        options.timeout = std::chrono::seconds(120);
        return RunProcess(Argv(std::move(args)), options).Value();
    }
};

std::vector<fs::path> TemporaryFiles(const fs::path& root) {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (lake::IsTemporaryName(e.path().filename().string())) {
            out.push_back(e.path());
        }
    }
    return out;
}

TEST_F(ExtractCliTest, KilledInTheMiddleOfATableThenRerunCompletes) {
    SetUpSource("extract_crash");
    conn_->Exec("INSERT INTO patients (nom, prenom, date_naissance, adresse) "
                "SELECT 'Nom' || g, 'Prénom', DATE '1950-01-01' + (g % 20000), repeat('rue de la Paix ', 30) || g "
                "FROM generate_series(1, 200000) AS g");

    pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        for (const auto& [name, value] : Env()) {
            ::setenv(name.c_str(), value.c_str(), 1);
        }
        int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        auto argv_strings = Argv({"--mode", "incremental"});
        std::vector<char*> argv;
        for (auto& s : argv_strings) {
            argv.push_back(s.data());
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    // Kill the extraction once a good part of the patients file is written.
    fs::path lake_root = dir_.Path() / "lake";
    bool killed = false;
    for (int i = 0; i < 30000 && !killed; ++i) {
        if (fs::exists(lake_root / "bronze/patients")) {
            std::error_code ec;
            for (const auto& e : fs::recursive_directory_iterator(lake_root / "bronze/patients", ec)) {
                if (lake::IsTemporaryName(e.path().filename().string()) && e.file_size(ec) > (8u << 20)) {
                    ::kill(child, SIGKILL);
                    killed = true;
                    break;
                }
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    int status = 0;
    ::waitpid(child, &status, 0);
    ASSERT_TRUE(killed) << "the extraction ended before it could be interrupted";
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_TRUE(ManifestKeys().empty()) << "the killed batch must have no manifest";
    EXPECT_FALSE(lake_->Exists(lake::ExtractStateKey()).Value());
    EXPECT_FALSE(TemporaryFiles(lake_root).empty());

    auto rerun = Run({"--mode", "incremental"});
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_NE(rerun.out.find("patients: no watermark yet, extracted in full (first incremental run)"),
              std::string::npos)
        << rerun.out;
    EXPECT_TRUE(TemporaryFiles(lake_root).empty());
    auto manifests = ManifestKeys();
    ASSERT_EQ(manifests.size(), 1u);
    auto manifest = lake::Manifest::FromJson(lake_->Get(manifests[0]).Value(), manifests[0]);
    EXPECT_NE(rerun.out.find(manifest.batch_id), std::string::npos);
    ASSERT_EQ(manifest.files.size(), 4u);
    for (const auto& file : manifest.files) {
        if (file.table != "patients") {
            continue;
        }
        EXPECT_EQ(file.rows, 200004u);
        auto lines = Lines(file.key);
        ASSERT_EQ(lines.size(), 200005u);
        std::set<long long> ids;
        for (size_t i = 1; i < lines.size(); ++i) {
            long long id = 0;
            ASSERT_TRUE(ParseInt64(lines[i].substr(0, lines[i].find(',')), id)) << lines[i];
            ids.insert(id);
        }
        EXPECT_EQ(ids.size(), 200004u);
        EXPECT_EQ(*ids.begin(), 1);
        EXPECT_EQ(*ids.rbegin(), 200004);
    }
}

TEST_F(ExtractCliTest, SecondExtractionRefusesWithAClearMessage) {
    SetUpSource("extract_cli_lock");
    auto other = pg::Connection::Open(spec_).Value();
    auto held = ExtractLock::Acquire(other, *lake_, std::chrono::milliseconds(0));
    auto outcome = Run({"--mode", "full", "--lock-timeout", "0"});
    EXPECT_EQ(outcome.exit_code, 1);
    EXPECT_TRUE(StartsWith(outcome.err, "error: another extraction is running on this source database"))
        << outcome.err;
    EXPECT_TRUE(ManifestKeys().empty());
}

TEST_F(ExtractCliTest, UnreachableSourceIsRetriedThenReported) {
    ProcessOptions options;
    options.extra_env = {{"HEALTHFLOW_SOURCE_URL", "postgresql://healthflow@127.0.0.1:1/healthflow"},
                         {"HEALTHFLOW_EXTRACT_CONNECT_ATTEMPTS", "3"}};
    auto outcome = RunProcess(Argv({}), options).Value();
    EXPECT_EQ(outcome.exit_code, 1);
    std::vector<std::string> errors;
    size_t retries = 0;
    for (const auto& line : Split(outcome.err, '\n')) {
        if (StartsWith(line, "error: ")) {
            errors.push_back(line);
        }
        retries += line.find("source database unreachable (attempt") != std::string::npos ? 1 : 0;
    }
    EXPECT_EQ(retries, 2u) << outcome.err;
    ASSERT_EQ(errors.size(), 1u) << outcome.err;
    EXPECT_TRUE(StartsWith(errors[0], "error: cannot reach the source database "
                                      "postgresql://healthflow@127.0.0.1:1/healthflow after 3 attempts: "))
        << errors[0];
    EXPECT_NE(outcome.err.find("hint: check that the server is up"), std::string::npos) << outcome.err;
    EXPECT_TRUE(outcome.out.empty());
}

}  // namespace
}  // namespace hf::extract::testing

#include <unistd.h>

#include <fstream>
#include <optional>
#include <thread>

#include "extract/extract_lock.h"
#include "extract_fixture.h"
#include "lake/layout.h"
#include "support/test_postgres.h"

namespace hf::extract::testing {
namespace {

namespace fs = std::filesystem;

size_t TemporaryFiles(const fs::path& root) {
    size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        n += lake::IsTemporaryName(e.path().filename().string()) ? 1 : 0;
    }
    return n;
}

TEST_F(ExtractTest, WriteFailurePublishesNothing) {
    SetUpSource("extract_write_failure");
    Extract(ExtractMode::FULL);
    const std::string state_before = lake_->Get(lake::ExtractStateKey()).Value();
    conn_->Exec("UPDATE patients SET mutuelle = 'MACIF' WHERE id = 1; DELETE FROM admissions WHERE id = 2");

    // The admissions folder becomes a plain file: its data file cannot be written, after the
    // services and patients files of the batch were already published.
    fs::path admissions = dir_.Path() / "lake/bronze/admissions";
    fs::remove_all(admissions);
    std::ofstream(admissions) << "in the way";
    try {
        Extract(ExtractMode::INCREMENTAL);
        FAIL() << "the batch must fail";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::IO) << e.OneLine();
        EXPECT_NE(e.Message().find("bronze/admissions"), std::string::npos) << e.Message();
    }
    EXPECT_EQ(ManifestKeys().size(), 1u);
    EXPECT_EQ(lake_->Get(lake::ExtractStateKey()).Value(), state_before);
    EXPECT_EQ(lake_->List("bronze/services/").Value().size(), 1u);
    EXPECT_EQ(lake_->List("bronze/patients/").Value().size(), 1u);
    EXPECT_EQ(TemporaryFiles(dir_.Path() / "lake"), 0u);
    EXPECT_FALSE(lake_->Exists(lake::ExtractLockKey()).Value());

    // Once the folder is back, the same window is extracted: nothing was skipped.
    fs::remove(admissions);
    auto retry = Extract(ExtractMode::INCREMENTAL);
    EXPECT_EQ(FileOf(retry, "patients").rows, 1u);
    EXPECT_EQ(FileOf(retry, "admissions").tombstones, 1u);
}

TEST_F(ExtractTest, SecondExtractionRefusesOrWaits) {
    SetUpSource("extract_lock");
    auto other = pg::Connection::Open(spec_).Value();
    std::optional<ExtractLock> held = ExtractLock::Acquire(other, *lake_, std::chrono::milliseconds(0));
    try {
        Extract(ExtractMode::FULL);
        FAIL() << "a second extraction must not run";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::CONFLICT);
        EXPECT_NE(e.Message().find("another extraction is running on this source database"), std::string::npos)
            << e.Message();
    }
    EXPECT_TRUE(ManifestKeys().empty());

    std::jthread releaser([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(800));
        held.reset();
    });
    ExtractOptions options;
    options.lock_timeout = std::chrono::seconds(20);
    auto start = std::chrono::steady_clock::now();
    auto report = ExtractBatch(*conn_, *lake_, options);
    EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(700));
    EXPECT_EQ(ManifestKeys(), std::vector<std::string>{report.manifest_key});
}

TEST_F(ExtractTest, LakeLockOfALiveProcessIsRespectedAndAStaleOneTakenOver) {
    SetUpSource("extract_lake_lock");
    char host[256] = {};
    ::gethostname(host, sizeof host - 1);
    lake_->Put(lake::ExtractLockKey(), std::string("{\"host\": \"") + host + "\", \"pid\": " +
                                           std::to_string(::getppid()) + "}").Check();
    try {
        Extract(ExtractMode::FULL);
        FAIL() << "the lake is locked by a live process";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::CONFLICT);
        EXPECT_NE(e.Message().find("another extraction is writing to the lake"), std::string::npos) << e.Message();
    }
    lake_->Put(lake::ExtractLockKey(), std::string("{\"host\": \"") + host + "\", \"pid\": 99999999}").Check();
    Extract(ExtractMode::FULL);
    EXPECT_EQ(ManifestKeys().size(), 1u);
    EXPECT_FALSE(lake_->Exists(lake::ExtractLockKey()).Value());
}

}  // namespace
}  // namespace hf::extract::testing

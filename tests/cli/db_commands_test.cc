#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "common/fs.h"
#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "support/test_postgres.h"

namespace hf {
namespace {

using testing::RunHealthflow;

// Makes `folder` a data folder whose private cluster exists and is stopped.
void CreateStoppedCluster(const std::filesystem::path& folder) {
    ASSERT_EQ(RunHealthflow({"--data-dir", folder.string(), "db", "start"}).exit_code, 0);
    ASSERT_EQ(RunHealthflow({"--data-dir", folder.string(), "db", "stop"}).exit_code, 0);
}

TEST(DbCommandsTest, LifecycleOfAPrivateCluster) {
    testing::TempDir dir;
    std::string data = dir.Path().string();
    auto status = RunHealthflow({"--data-dir", data, "db", "status"});
    EXPECT_EQ(status.exit_code, 3);
    EXPECT_NE(status.out.find("not created"), std::string::npos);

    auto start = RunHealthflow({"--data-dir", data, "db", "start"});
    ASSERT_EQ(start.exit_code, 0) << start.err;
    EXPECT_NE(start.out.find("postgresql://healthflow@127.0.0.1:"), std::string::npos) << start.out;

    auto again = RunHealthflow({"--data-dir", data, "db", "start"});
    EXPECT_EQ(again.exit_code, 1);
    EXPECT_NE(again.err.find("error: the private PostgreSQL cluster is already running on port"), std::string::npos)
        << again.err;

    EXPECT_EQ(RunHealthflow({"--data-dir", data, "db", "status"}).exit_code, 0);
    auto migrate = RunHealthflow({"--data-dir", data, "db", "migrate"});
    EXPECT_EQ(migrate.exit_code, 0);
    EXPECT_NE(migrate.err.find("schema is up to date"), std::string::npos) << migrate.err;

    EXPECT_EQ(RunHealthflow({"--data-dir", data, "db", "stop"}).exit_code, 0);
    EXPECT_EQ(RunHealthflow({"--data-dir", data, "db", "status"}).exit_code, 3);
    auto stop_again = RunHealthflow({"--data-dir", data, "db", "stop"});
    EXPECT_EQ(stop_again.exit_code, 1);
    EXPECT_NE(stop_again.err.find("not running"), std::string::npos);

    // Restart keeps the data and the password.
    ASSERT_EQ(RunHealthflow({"--data-dir", data, "db", "start"}).exit_code, 0);
    EXPECT_EQ(RunHealthflow({"--data-dir", data, "db", "stop"}).exit_code, 0);
}

TEST(DbCommandsTest, ACopiedDataFolderStartsItsOwnCluster) {
    testing::TempDir dir;
    const std::filesystem::path original = dir.Path() / "original";
    const std::filesystem::path copy = dir.Path() / "copy";
    ASSERT_NO_FATAL_FAILURE(CreateStoppedCluster(original));
    auto state = ReadFile(original / "cluster.json").Value();
    EXPECT_NE(state.find("\"cluster_root\": \"pg\""), std::string::npos) << state;
    std::filesystem::copy(original, copy, std::filesystem::copy_options::recursive);

    // Both clusters run side by side; each folder's `db url` names its own, on its own port.
    ASSERT_EQ(RunHealthflow({"--data-dir", original.string(), "db", "start"}).exit_code, 0);
    auto started = RunHealthflow({"--data-dir", copy.string(), "db", "start"});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    auto original_url = RunHealthflow({"--data-dir", original.string(), "db", "url"});
    auto copy_url = RunHealthflow({"--data-dir", copy.string(), "db", "url"});
    EXPECT_NE(original_url.out, copy_url.out);
    auto status = RunHealthflow({"--data-dir", copy.string(), "db", "status"});
    EXPECT_NE(status.out.find((copy / "pg").string()), std::string::npos) << status.out;
    EXPECT_EQ(RunHealthflow({"--data-dir", copy.string(), "db", "stop"}).exit_code, 0);
    // Stopping the copy left the original running.
    EXPECT_EQ(RunHealthflow({"--data-dir", original.string(), "db", "status"}).exit_code, 0);
    EXPECT_EQ(RunHealthflow({"--data-dir", original.string(), "db", "stop"}).exit_code, 0);
}

TEST(DbCommandsTest, AnOlderAbsoluteClusterRootInACopiedFolderIsRedirected) {
    testing::TempDir dir;
    const std::filesystem::path original = dir.Path() / "original";
    const std::filesystem::path copy = dir.Path() / "copy";
    ASSERT_NO_FATAL_FAILURE(CreateStoppedCluster(original));
    std::filesystem::copy(original, copy, std::filesystem::copy_options::recursive);
    // The state file as older versions wrote it: the original's absolute path.
    auto state = ReadFile(copy / "cluster.json").Value();
    const std::string relative = "\"cluster_root\": \"pg\"";
    ASSERT_NE(state.find(relative), std::string::npos) << state;
    state.replace(state.find(relative), relative.size(), "\"cluster_root\": \"" + (original / "pg").string() + "\"");
    WriteFileAtomic(copy / "cluster.json", state, 0600).Check();
    auto started = RunHealthflow({"--data-dir", copy.string(), "db", "start"});
    ASSERT_EQ(started.exit_code, 0) << started.err;
    EXPECT_NE(started.err.find("another data folder's cluster"), std::string::npos) << started.err;
    // The original was not started.
    EXPECT_EQ(RunHealthflow({"--data-dir", original.string(), "db", "status"}).exit_code, 3);
    EXPECT_EQ(RunHealthflow({"--data-dir", copy.string(), "db", "stop"}).exit_code, 0);
}

TEST(DbCommandsTest, AClusterItsUserCannotReachIsAClearError) {
    if (::geteuid() != 0) {
        GTEST_SKIP() << "the cluster runs as another user only when started by root";
    }
    testing::TempDir dir;
    const std::filesystem::path original = dir.Path() / "original";
    const std::filesystem::path closed = dir.Path() / "closed";
    ASSERT_NO_FATAL_FAILURE(CreateStoppedCluster(original));
    std::filesystem::create_directory(closed);
    std::filesystem::permissions(closed, std::filesystem::perms::owner_all); // 0700, as mktemp -d makes it
    ASSERT_EQ(std::system(("cp -a " + original.string() + " " + (closed / "copy").string()).c_str()), 0);
    auto started = RunHealthflow({"--data-dir", (closed / "copy").string(), "db", "start"});
    EXPECT_EQ(started.exit_code, 1);
    EXPECT_NE(started.err.find("cannot reach " + (closed / "copy" / "pg" / "data").string()), std::string::npos)
        << started.err;
    EXPECT_NE(started.err.find("chmod o+x"), std::string::npos) << started.err;
}

TEST(DbCommandsTest, UnreachableServerIsAOneLineError) {
    auto out = RunHealthflow({"db", "migrate"}, {{"HEALTHFLOW_SOURCE_URL", "postgresql://x@127.0.0.1:1/hopital"}});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_NE(out.err.find("error: cannot connect to PostgreSQL at postgresql://x@127.0.0.1:1/hopital"),
              std::string::npos)
        << out.err;
    EXPECT_NE(out.err.find("hint:"), std::string::npos);
}

TEST(DbCommandsTest, WrongPasswordIsRefusedClearly) {
    auto& pg = testing::TestPostgres::Instance();
    auto out = RunHealthflow({"db", "migrate"}, {{"HEALTHFLOW_SOURCE_URL", pg.Cluster().TcpUrl()},
                                                 {"HEALTHFLOW_SOURCE_PASSWORD", "not-the-password"}});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.err.find("refused the login"), std::string::npos) << out.err;
    EXPECT_EQ(out.err.find("not-the-password"), std::string::npos) << "the password must never be printed";
}

} // namespace
} // namespace hf

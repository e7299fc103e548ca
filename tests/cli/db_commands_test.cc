#include <gtest/gtest.h>

#include "support/cli_runner.h"
#include "support/temp_dir.h"
#include "support/test_postgres.h"

namespace hf {
namespace {

using testing::RunHealthflow;

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

}  // namespace
}  // namespace hf

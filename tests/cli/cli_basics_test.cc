#include <gtest/gtest.h>

#include <cstdlib>

#include "common/fs.h"
#include "common/strings.h"
#include "support/cli_runner.h"

namespace hf {
namespace {

using testing::RunHealthflow;

TEST(CliBasicsTest, HelpListsCommandsAndExitsZero) {
    auto out = RunHealthflow({"--help"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_NE(out.out.find("--data-dir"), std::string::npos);
    EXPECT_NE(out.out.find("db"), std::string::npos);
}

TEST(CliBasicsTest, VersionNamesDuckDb) {
    auto out = RunHealthflow({"--version"});
    EXPECT_EQ(out.exit_code, 0);
    EXPECT_TRUE(StartsWith(out.out, "healthflow 0.1.0 (DuckDB v1.4.4, libpq ")) << out.out;
}

TEST(CliBasicsTest, UnknownOptionExitsTwoWithOneLine) {
    auto out = RunHealthflow({"db", "status", "--frobnicate"});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.err.find("--frobnicate"), std::string::npos) << out.err;
}

TEST(CliBasicsTest, BadConfigurationExitsTwo) {
    auto out = RunHealthflow({"config"}, {{"HEALTHFLOW_SERVE_PORT", "eighty"}});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.err.find("error: setting 'serve.port' must be a number, got 'eighty'"), std::string::npos)
        << out.err;
}

TEST(CliBasicsTest, ConfigurationDocMatchesTheProgram) {
    auto out = RunHealthflow({"config", "--markdown"});
    ASSERT_EQ(out.exit_code, 0);
    auto doc = ReadFile(std::string(std::getenv("HF_SOURCE_DIR")) + "/docs/configuration.md").Value();
    auto begin = doc.find("<!-- settings:begin -->\n");
    auto end = doc.find("<!-- settings:end -->");
    ASSERT_NE(begin, std::string::npos);
    ASSERT_NE(end, std::string::npos);
    begin += std::string("<!-- settings:begin -->\n").size();
    EXPECT_EQ(doc.substr(begin, end - begin), out.out)
        << "docs/configuration.md is out of date: regenerate its table with `healthflow config --markdown`";
}

}  // namespace
}  // namespace hf

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/process.h"
#include "support/temp_dir.h"
#include "support/test_postgres.h"

namespace hf::source {
namespace {

class GenerateCliTest : public ::testing::Test {
protected:
    void SetUp() override {
        const char* binary = std::getenv("HF_BINARY");
        ASSERT_NE(binary, nullptr) << "HF_BINARY must point at the healthflow binary";
        binary_ = binary;
        auto& pg = hf::testing::TestPostgres::Instance();
        auto spec = pg.FreshDatabase("generate_cli");
        env_["HEALTHFLOW_DATA_DIR"] = dir_.Path().string();
        env_["HEALTHFLOW_SOURCE_URL"] = pg.Cluster().TcpUrl("generate_cli");
        env_["HEALTHFLOW_SOURCE_PASSWORD"] = spec.password.value_or("");
    }

    ProcessOutcome Run(const std::vector<std::string>& args) {
        std::vector<std::string> argv = {binary_};
        argv.insert(argv.end(), args.begin(), args.end());
        ProcessOptions options;
        options.extra_env = env_;
        options.timeout = std::chrono::seconds(60);
        return RunProcess(argv, options).Value();
    }

    std::string binary_;
    hf::testing::TempDir dir_;
    std::map<std::string, std::string> env_;
};

int Lines(const std::string& text) {
    int n = 0;
    for (char c : text) {
        n += c == '\n' ? 1 : 0;
    }
    return n;
}

TEST_F(GenerateCliTest, BadScaleIsAnInputError) {
    for (const char* scale : {"--scale=-1", "--scale=0"}) {
        auto out = Run({"generate", scale});
        EXPECT_EQ(out.exit_code, 2) << scale;
        EXPECT_EQ(out.err.rfind(std::string("error: invalid scale ") + (scale + 8), 0), 0u) << out.err;
        EXPECT_EQ(Lines(out.err), 1) << out.err;  // the error and its hint, on one line
    }
}

TEST_F(GenerateCliTest, UnknownOptionIsRefused) {
    auto out = Run({"generate", "--bogus"});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.err.find("--bogus"), std::string::npos) << out.err;
}

TEST_F(GenerateCliTest, UnreachableServerAndWrongPassword) {
    auto env = env_;
    env_["HEALTHFLOW_SOURCE_URL"] = "postgresql://healthflow@127.0.0.1:1/healthflow";
    auto out = Run({"generate", "--scale", "1"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_EQ(out.err.rfind("error: ", 0), 0u) << out.err;
    EXPECT_EQ(Lines(out.err), 1) << out.err;
    env_ = env;
    env_["HEALTHFLOW_SOURCE_PASSWORD"] = "not-the-password";
    out = Run({"generate", "--scale", "1"});
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_NE(out.err.find("password"), std::string::npos) << out.err;
}

TEST_F(GenerateCliTest, GenerateSimulateAndReport) {
    auto out = Run({"generate", "--scale", "0.5", "--seed", "3", "--as-of", "2026-02-15", "--history-days", "20"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find("generated a hospital of 110 beds"), std::string::npos) << out.out;
    EXPECT_NE(out.err.find("admissions"), std::string::npos) << "progress on stderr";
    out = Run({"generate", "--scale", "0.5"});
    EXPECT_EQ(out.exit_code, 1);
    EXPECT_NE(out.err.find("--reset"), std::string::npos) << out.err;
    out = Run({"simulate", "--days", "2"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(Lines(out.out), 2);
    EXPECT_EQ(out.out.rfind("2026-02-15  +", 0), 0u) << out.out;
    out = Run({"db", "report"});
    ASSERT_EQ(out.exit_code, 0) << out.err;
    EXPECT_NE(out.out.find("v_occupation_services"), std::string::npos);
    EXPECT_NE(out.out.find("Urgences"), std::string::npos);
    EXPECT_NE(out.out.find("niveau_alerte"), std::string::npos);
}

}  // namespace
}  // namespace hf::source

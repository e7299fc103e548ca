#include <gtest/gtest.h>

#include <cstdlib>

#include "common/config.h"
#include "common/fs.h"
#include "support/temp_dir.h"

namespace hf {
namespace {

class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) { ::setenv(name, value, 1); }
    ~ScopedEnv() { ::unsetenv(name_); }

private:
    const char* name_;
};

TEST(ConfigTest, DefaultsApplyWithoutFile) {
    auto config = Config::Load(std::nullopt).Value();
    EXPECT_EQ(config.Get("warehouse.engine"), "duckdb");
    EXPECT_EQ(config.GetInt("pipeline.retries"), 2);
    EXPECT_EQ(config.Origin("warehouse.engine"), SettingOrigin::DEFAULT);
}

TEST(ConfigTest, FileThenEnvironmentThenCommandLine) {
    testing::TempDir dir;
    auto file = dir.Path() / "healthflow.yml";
    WriteFileAtomic(file, "generator:\n  scale: 3\n  seed: 7\nlake:\n  format: parquet\n").Check();
    ScopedEnv env("HEALTHFLOW_GENERATOR_SEED", "99");
    auto config = Config::Load(file, {{"lake.format", "csv"}}).Value();
    EXPECT_EQ(config.GetInt("generator.scale"), 3);
    EXPECT_EQ(config.Origin("generator.scale"), SettingOrigin::FILE);
    EXPECT_EQ(config.GetInt("generator.seed"), 99);
    EXPECT_EQ(config.Origin("generator.seed"), SettingOrigin::ENVIRONMENT);
    EXPECT_EQ(config.Get("lake.format"), "csv");
}

TEST(ConfigTest, UnknownKeyIsRefusedWithTheKnownOnes) {
    testing::TempDir dir;
    auto file = dir.Path() / "c.yml";
    WriteFileAtomic(file, "sourec:\n  url: x\n").Check();
    auto config = Config::Load(file);
    ASSERT_FALSE(config.Ok());
    EXPECT_EQ(config.Err().Kind(), ErrorKind::INVALID_INPUT);
    EXPECT_NE(config.Err().Message().find("unknown setting 'sourec.url'"), std::string::npos);
    EXPECT_NE(config.Err().Hint().find("source.url"), std::string::npos);
}

TEST(ConfigTest, SecretInFileIsRefused) {
    testing::TempDir dir;
    auto file = dir.Path() / "c.yml";
    WriteFileAtomic(file, "source:\n  password: hunter2\n").Check();
    auto config = Config::Load(file);
    ASSERT_FALSE(config.Ok());
    EXPECT_NE(config.Err().Message().find("is a secret"), std::string::npos);
    EXPECT_NE(config.Err().Hint().find("HEALTHFLOW_SOURCE_PASSWORD"), std::string::npos);
}

TEST(ConfigTest, BadYamlAndBadNumberAreClearErrors) {
    testing::TempDir dir;
    auto file = dir.Path() / "c.yml";
    WriteFileAtomic(file, "generator: [unclosed\n").Check();
    auto bad_yaml = Config::Load(file);
    ASSERT_FALSE(bad_yaml.Ok());
    EXPECT_NE(bad_yaml.Err().Message().find("not valid YAML"), std::string::npos);

    WriteFileAtomic(file, "generator:\n  scale: lots\n").Check();
    auto bad_number = Config::Load(file);
    ASSERT_FALSE(bad_number.Ok());
    EXPECT_NE(bad_number.Err().Message().find("'generator.scale' must be a number"), std::string::npos);
}

TEST(ConfigTest, SecretComesFromEnvironmentOrPrivateFile) {
    testing::TempDir dir;
    auto secret = dir.Path() / "pw";
    WriteFileAtomic(secret, "s3cret\n", 0644).Check();
    auto config = Config::Load(std::nullopt, {{"source.password_file", secret.string()}}).Value();
    auto refused = ReadSecret(config, "source.password");
    ASSERT_FALSE(refused.Ok());
    EXPECT_NE(refused.Err().Hint().find("chmod 600"), std::string::npos);

    WriteSecretFile(secret, "s3cret").Check();
    EXPECT_EQ(ReadSecret(config, "source.password").Value().value(), "s3cret");

    ScopedEnv env("HEALTHFLOW_SOURCE_PASSWORD", "fromenv");
    EXPECT_EQ(ReadSecret(config, "source.password").Value().value(), "fromenv");
}

TEST(ConfigTest, EnvNameMapsDotsToUnderscores) {
    EXPECT_EQ(Config::EnvName("lake.s3.path_style"), "HEALTHFLOW_LAKE_S3_PATH_STYLE");
}

}  // namespace
}  // namespace hf

#include <gtest/gtest.h>

#include <cstdlib>

#include "common/process.h"
#include "lake/s3_object_store.h"
#include "s3_test_server.h"
#include "support/temp_dir.h"

namespace hf::lake {
namespace {

using testing::S3TestServer;

ProcessOptions LakeEnvironment(const std::string& uri, const std::string& secret) {
    ProcessOptions options;
    options.extra_env = {
        {"HEALTHFLOW_LAKE_URI", uri},
        {"HEALTHFLOW_LAKE_S3_ENDPOINT", "http://127.0.0.1:" + std::to_string(S3TestServer::Instance().Port())},
        {"HEALTHFLOW_LAKE_S3_PATH_STYLE", "true"},
        {"HEALTHFLOW_LAKE_S3_MAX_RETRIES", "0"},
        {"AWS_ACCESS_KEY_ID", "S3RVER"},
        {"AWS_SECRET_ACCESS_KEY", secret},
    };
    options.timeout = std::chrono::seconds(60);
    return options;
}

TEST(LakeLsCommandTest, ListsTheS3LakeUnderAPrefix) {
    auto store = OpenS3ObjectStore(S3TestServer::Instance().Options("cli"));
    store->Put("bronze/b.csv", "0123456789").Check();
    store->Put("bronze/a.csv", "abc").Check();
    store->Put("silver/c.csv", "c").Check();

    testing::TempDir cwd;
    auto options = LakeEnvironment("s3://hf-lake/cli", "S3RVER");
    options.working_dir = cwd.Path().string();
    auto out = RunProcess({std::getenv("HF_BINARY"), "-q", "lake", "ls", "bronze/"}, options).Value();
    EXPECT_EQ(out.exit_code, 0) << out.err;
    EXPECT_EQ(out.out, "           3  bronze/a.csv\n          10  bronze/b.csv\n");

    out = RunProcess({std::getenv("HF_BINARY"), "-q", "lake", "ls"}, options).Value();
    EXPECT_EQ(out.out, "           3  bronze/a.csv\n          10  bronze/b.csv\n           1  silver/c.csv\n");
}

TEST(LakeLsCommandTest, AWrongSecretExplainsItself) {
    testing::TempDir cwd;
    auto options = LakeEnvironment("s3://hf-lake/cli", "wrong");
    options.working_dir = cwd.Path().string();
    auto out = RunProcess({std::getenv("HF_BINARY"), "lake", "ls"}, options).Value();
    EXPECT_EQ(out.exit_code, 2);
    EXPECT_EQ(out.out, "");
    EXPECT_NE(out.err.find("error: ListObjectsV2 on s3://hf-lake/cli/ failed: HTTP 403 SignatureDoesNotMatch"),
              std::string::npos)
        << out.err;
    EXPECT_NE(out.err.find("hint: the access key or secret is wrong (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)"),
              std::string::npos)
        << out.err;
}

}  // namespace
}  // namespace hf::lake

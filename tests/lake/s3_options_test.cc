#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.h"
#include "lake/retry_policy.h"
#include "lake/s3_options.h"

namespace hf::lake {
namespace {

// Sets the AWS_* variables for one test and restores a clean environment afterwards.
class S3OptionsTest : public ::testing::Test {
protected:
    void SetUp() override { Clear(); }
    void TearDown() override { Clear(); }
    static void Clear() {
        for (const char* name : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_REGION",
                                 "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL"}) {
            unsetenv(name);
        }
    }
    static void SetKeys() {
        setenv("AWS_ACCESS_KEY_ID", "AKID", 1);
        setenv("AWS_SECRET_ACCESS_KEY", "SECRET", 1);
    }
};

TEST_F(S3OptionsTest, ParsesBucketAndPrefix) {
    std::string bucket, prefix;
    ParseS3Uri("s3://hospital-lake/prod/lake/", bucket, prefix);
    EXPECT_EQ(bucket, "hospital-lake");
    EXPECT_EQ(prefix, "prod/lake/");
    ParseS3Uri("s3://hospital-lake", bucket, prefix);
    EXPECT_EQ(prefix, "");
    EXPECT_THROW(ParseS3Uri("s3://Bad_Bucket/x", bucket, prefix), Error);
    EXPECT_THROW(ParseS3Uri("/srv/lake", bucket, prefix), Error);
    EXPECT_THROW(ParseS3Uri("s3://bucket//x", bucket, prefix), Error);
}

TEST_F(S3OptionsTest, MissingCredentialsNameTheVariables) {
    try {
        (void)S3OptionsFromConfig(Config::Defaults(), "s3://lake-bucket");
        FAIL() << "expected an error";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::INVALID_INPUT);
        EXPECT_EQ(e.Message(), "no S3 credentials for lake 's3://lake-bucket'");
        EXPECT_NE(e.Hint().find("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"), std::string::npos);
    }
}

TEST_F(S3OptionsTest, DefaultsToAwsInTheEnvironmentRegion) {
    SetKeys();
    setenv("AWS_REGION", "eu-west-3", 1);
    setenv("AWS_SESSION_TOKEN", "TOKEN", 1);
    S3Options options = S3OptionsFromConfig(Config::Defaults(), "s3://lake-bucket/hf");
    EXPECT_EQ(options.region, "eu-west-3");
    EXPECT_EQ(options.endpoint, "https://s3.eu-west-3.amazonaws.com");
    EXPECT_FALSE(options.path_style);
    EXPECT_EQ(options.credentials.access_key_id, "AKID");
    EXPECT_EQ(options.credentials.secret_access_key, "SECRET");
    EXPECT_EQ(options.credentials.session_token, "TOKEN");
    EXPECT_EQ(options.prefix, "hf/");
    EXPECT_EQ(options.part_size, 8u << 20);
    EXPECT_EQ(options.retry.max_retries, 4);
    EXPECT_EQ(options.retry.base_delay.count(), 200);
}

TEST_F(S3OptionsTest, SettingsWinOverTheEnvironment) {
    SetKeys();
    setenv("AWS_REGION", "eu-west-3", 1);
    setenv("AWS_ENDPOINT_URL", "http://env-host:9000", 1);
    Config config = Config::Defaults()
                        .With("lake.s3.region", "eu-central-1")
                        .With("lake.s3.endpoint", "http://127.0.0.1:9000")
                        .With("lake.s3.path_style", "true")
                        .With("lake.s3.part_size_mb", "16")
                        .With("lake.s3.max_retries", "2");
    S3Options options = S3OptionsFromConfig(config, "s3://lake-bucket");
    EXPECT_EQ(options.region, "eu-central-1");
    EXPECT_EQ(options.endpoint, "http://127.0.0.1:9000");
    EXPECT_TRUE(options.path_style);
    EXPECT_EQ(options.part_size, 16u << 20);
    EXPECT_EQ(options.retry.max_retries, 2);

    unsetenv("AWS_REGION");
    EXPECT_EQ(S3OptionsFromConfig(Config::Defaults(), "s3://lake-bucket").endpoint, "http://env-host:9000");
}

TEST_F(S3OptionsTest, RejectsAPartSizeUnderFiveMiB) {
    SetKeys();
    EXPECT_THROW((void)S3OptionsFromConfig(Config::Defaults().With("lake.s3.part_size_mb", "4"), "s3://lake-bucket"),
                 Error);
}

TEST_F(S3OptionsTest, ParsesEndpoints) {
    auto endpoint = ParseEndpoint("http://127.0.0.1:9000/");
    EXPECT_EQ(endpoint.scheme, "http");
    EXPECT_EQ(endpoint.authority, "127.0.0.1:9000");
    EXPECT_THROW(ParseEndpoint("127.0.0.1:9000"), Error);
    EXPECT_THROW(ParseEndpoint("ftp://host"), Error);
    EXPECT_THROW(ParseEndpoint("https://host/path"), Error);
}

TEST(RetryPolicyTest, BacksOffExponentiallyWithBoundedJitter) {
    RetryPolicy policy;
    policy.base_delay = std::chrono::milliseconds(100);
    policy.max_delay = std::chrono::milliseconds(1000);
    EXPECT_EQ(policy.Ceiling(1).count(), 100);
    EXPECT_EQ(policy.Ceiling(2).count(), 200);
    EXPECT_EQ(policy.Ceiling(4).count(), 800);
    EXPECT_EQ(policy.Ceiling(5).count(), 1000);
    EXPECT_EQ(policy.Ceiling(60).count(), 1000);
    std::mt19937_64 rng(7);
    for (int i = 0; i < 200; ++i) {
        auto delay = policy.Delay(3, rng).count();
        EXPECT_GE(delay, 200);
        EXPECT_LE(delay, 400);
    }
}

TEST(RetryPolicyTest, RetriesServerErrorsAndThrottlingOnly) {
    EXPECT_TRUE(IsRetryableStatus(500));
    EXPECT_TRUE(IsRetryableStatus(503));
    EXPECT_TRUE(IsRetryableStatus(429));
    EXPECT_FALSE(IsRetryableStatus(400));
    EXPECT_FALSE(IsRetryableStatus(403));
    EXPECT_FALSE(IsRetryableStatus(404));
    EXPECT_FALSE(IsRetryableStatus(200));
}

}  // namespace
}  // namespace hf::lake

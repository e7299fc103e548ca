#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <thread>

#include "common/error.h"
#include "lake/s3_object_store.h"
#include "s3_test_server.h"

namespace hf::lake {
namespace {

using testing::S3TestServer;

std::vector<std::string> RequestsMatching(const std::string& needle) {
    std::vector<std::string> out;
    for (const auto& request : S3TestServer::Instance().Requests()) {
        if (request.find(needle) != std::string::npos) {
            out.push_back(request);
        }
    }
    return out;
}

// Deterministic bytes (all 256 values) so that a misplaced part shows.
std::string Pattern(size_t size, unsigned seed) {
    std::string out(size, '\0');
    std::mt19937 rng(seed);
    for (auto& c : out) {
        c = static_cast<char>(rng() & 0xff);
    }
    return out;
}

TEST(S3ObjectStoreTest, PutGetRoundTrip) {
    auto store = OpenS3ObjectStore(S3TestServer::Instance().Options("roundtrip"));
    EXPECT_EQ(store->Describe(), "s3://hf-lake/roundtrip");
    EXPECT_EQ(store->LocalPath("x"), std::nullopt);

    std::string data = "id;nom;prénom\n1;Dupont;Hélène\n" + Pattern(1000, 1);
    store->Put("bronze/patients/day=28/patients 1.csv", data).Check();
    EXPECT_EQ(store->Get("bronze/patients/day=28/patients 1.csv").Value(), data);
    EXPECT_TRUE(store->Exists("bronze/patients/day=28/patients 1.csv").Value());
    EXPECT_FALSE(store->Exists("bronze/patients/day=28/other.csv").Value());

    std::string streamed;
    size_t chunks = 0;
    store->Read("bronze/patients/day=28/patients 1.csv", [&](std::string_view chunk) {
        streamed.append(chunk);
        ++chunks;
    }).Check();
    EXPECT_EQ(streamed, data);
    EXPECT_GE(chunks, 1u);

    auto listed = store->List("bronze/").Value();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].key, "bronze/patients/day=28/patients 1.csv");
    EXPECT_EQ(listed[0].size, data.size());

    auto missing = store->Get("bronze/none.csv");
    ASSERT_FALSE(missing.Ok());
    EXPECT_EQ(missing.Err().Kind(), ErrorKind::NOT_FOUND);
    EXPECT_NE(missing.Err().Message().find("GetObject on s3://hf-lake/roundtrip/bronze/none.csv failed: HTTP 404 NoSuchKey"),
              std::string::npos);

    store->Delete("bronze/patients/day=28/patients 1.csv").Check();
    EXPECT_FALSE(store->Exists("bronze/patients/day=28/patients 1.csv").Value());
    EXPECT_TRUE(store->List("bronze/").Value().empty());
}

TEST(S3ObjectStoreTest, SmallWriterCommitsWithOnePut) {
    auto store = OpenS3ObjectStore(S3TestServer::Instance().Options("small"));
    auto writer = store->OpenWriter("silver/a.csv");
    writer->Write("a;b\n");
    writer->Write("1;2\n");
    EXPECT_TRUE(store->List("silver/").Value().empty());
    EXPECT_EQ(writer->Commit(), 8u);
    EXPECT_EQ(store->Get("silver/a.csv").Value(), "a;b\n1;2\n");
    EXPECT_TRUE(RequestsMatching("/hf-lake/small/silver/a.csv?uploads").empty());
    EXPECT_EQ(RequestsMatching("PUT /hf-lake/small/silver/a.csv").size(), 1u);
}

TEST(S3ObjectStoreTest, StreamedWriteOverThePartSizeBecomesAMultipartUpload) {
    auto options = S3TestServer::Instance().Options("multipart");
    auto store = OpenS3ObjectStore(options);
    std::string data = Pattern(2 * kMinPartSize + 123457, 2);
    auto writer = store->OpenWriter("bronze/big.csv");
    for (size_t offset = 0; offset < data.size(); offset += 1000003) {
        writer->Write(std::string_view(data).substr(offset, 1000003));
    }
    EXPECT_EQ(RequestsMatching("POST /hf-lake/multipart/bronze/big.csv?uploads").size(), 1u);
    EXPECT_EQ(RequestsMatching("PUT /hf-lake/multipart/bronze/big.csv?partNumber=").size(), 2u);
    EXPECT_TRUE(store->List("bronze/").Value().empty());
    EXPECT_FALSE(store->Exists("bronze/big.csv").Value());

    EXPECT_EQ(writer->Commit(), data.size());
    EXPECT_EQ(RequestsMatching("PUT /hf-lake/multipart/bronze/big.csv?partNumber=3&uploadId=").size(), 1u);
    EXPECT_EQ(RequestsMatching("POST /hf-lake/multipart/bronze/big.csv?uploadId=").size(), 1u);
    EXPECT_TRUE(RequestsMatching("PUT /hf-lake/multipart/bronze/big.csv HTTP").empty());

    auto listed = store->List("bronze/").Value();
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].key, "bronze/big.csv");
    EXPECT_EQ(listed[0].size, data.size());
    EXPECT_TRUE(store->Get("bronze/big.csv").Value() == data);
}

TEST(S3ObjectStoreTest, AbortLeavesNothing) {
    auto store = OpenS3ObjectStore(S3TestServer::Instance().Options("abort"));
    {
        auto writer = store->OpenWriter("bronze/aborted.csv");
        writer->Write(Pattern(kMinPartSize + 10, 3));
        writer->Abort();
        EXPECT_THROW(writer->Write("more"), Error);
    }
    {
        auto writer = store->OpenWriter("bronze/dropped.csv");
        writer->Write(Pattern(kMinPartSize + 10, 4));
    }  // destroyed without Commit
    {
        auto writer = store->OpenWriter("bronze/small-dropped.csv");
        writer->Write("tiny");
    }
    EXPECT_TRUE(store->List("").Value().empty());
    EXPECT_FALSE(store->Exists("bronze/aborted.csv").Value());
    EXPECT_EQ(RequestsMatching("DELETE /hf-lake/abort/bronze/aborted.csv?uploadId=").size(), 1u);
    EXPECT_EQ(RequestsMatching("DELETE /hf-lake/abort/bronze/dropped.csv?uploadId=").size(), 1u);
    EXPECT_TRUE(RequestsMatching("/hf-lake/abort/bronze/small-dropped.csv").empty());
}

TEST(S3ObjectStoreTest, ListsMoreThanOneThousandKeysAcrossContinuationTokens) {
    auto store = OpenS3ObjectStore(S3TestServer::Instance().Options("many"));
    constexpr int kKeys = 1050;
    std::vector<int> order(kKeys);
    for (int i = 0; i < kKeys; ++i) {
        order[i] = i;
    }
    std::shuffle(order.begin(), order.end(), std::mt19937(5));
    auto key_of = [](int i) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "bronze/k%04d.csv", i);
        return std::string(buf);
    };
    std::vector<std::jthread> workers;
    for (int w = 0; w < 4; ++w) {
        workers.emplace_back([&, w] {
            for (int n = w; n < kKeys; n += 4) {
                store->Put(key_of(order[n]), std::to_string(order[n])).Check();
            }
        });
    }
    workers.clear();
    store->Put("other/outside.csv", "x").Check();

    auto listed = store->List("bronze/").Value();
    ASSERT_EQ(listed.size(), static_cast<size_t>(kKeys));
    for (int i = 0; i < kKeys; ++i) {
        EXPECT_EQ(listed[i].key, key_of(i));
        EXPECT_EQ(listed[i].size, std::to_string(i).size());
    }
    EXPECT_EQ(RequestsMatching("GET /hf-lake?continuation-token=").size(), 1u);
    EXPECT_EQ(store->List("").Value().size(), static_cast<size_t>(kKeys + 1));
}

TEST(S3ObjectStoreTest, WrongSecretIsA403WithAClearMessageAndNoRetry) {
    auto options = S3TestServer::Instance().Options("denied");
    options.credentials.secret_access_key = "not-the-secret";
    auto store = OpenS3ObjectStore(options);
    auto before = RequestsMatching("/hf-lake/denied/bronze/x.csv").size();
    auto put = store->Put("bronze/x.csv", "data");
    ASSERT_FALSE(put.Ok());
    EXPECT_EQ(put.Err().Kind(), ErrorKind::INVALID_INPUT);
    EXPECT_FALSE(put.Err().Retryable());
    EXPECT_EQ(put.Err().Message(),
              "PutObject on s3://hf-lake/denied/bronze/x.csv failed: HTTP 403 SignatureDoesNotMatch: The request "
              "signature we calculated does not match the signature you provided. Check your key and signing method.");
    EXPECT_EQ(put.Err().Hint(),
              "the access key or secret is wrong (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or the key lacks "
              "permission on bucket 'hf-lake' or key 'denied/bronze/x.csv'");
    EXPECT_EQ(RequestsMatching("/hf-lake/denied/bronze/x.csv").size(), before + 1);
}

TEST(S3ObjectStoreTest, StoppedServerIsRetriedThenGivesUpWithARetryableError) {
    auto options = S3TestServer::Instance().Options("gone");
    options.endpoint = "http://127.0.0.1:1";  // nothing listens on port 1
    auto store = OpenS3ObjectStore(options);
    auto get = store->Get("bronze/x.csv");
    ASSERT_FALSE(get.Ok());
    EXPECT_EQ(get.Err().Kind(), ErrorKind::UNAVAILABLE);
    EXPECT_TRUE(get.Err().Retryable());
    EXPECT_EQ(get.Err().Message().rfind("GetObject on s3://hf-lake/gone/bronze/x.csv failed after 3 tries; last failure: "
                                        "GET http://127.0.0.1:1/hf-lake/gone/bronze/x.csv failed: ",
                                        0),
              0u);
}

}  // namespace
}  // namespace hf::lake

#include <gtest/gtest.h>
#include <httplib.h>

#include <mutex>
#include <thread>

#include "lake/s3_client.h"
#include "lake/s3_object_store.h"

namespace hf::lake {
namespace {

S3Options BaseOptions(const std::string& endpoint, bool path_style) {
    S3Options options;
    options.bucket = "hf-lake";
    options.prefix = "prod/";
    options.endpoint = endpoint;
    options.region = "eu-west-3";
    options.path_style = path_style;
    options.credentials = {"AKID", "SECRET", ""};
    return options;
}

TEST(S3AddressingTest, BuildsVirtualHostedAndPathStyleUrls) {
    S3Client aws(BaseOptions("https://s3.eu-west-3.amazonaws.com", false));
    EXPECT_EQ(aws.Url("prod/bronze/x y.csv", {}), "https://hf-lake.s3.eu-west-3.amazonaws.com/prod/bronze/x%20y.csv");
    EXPECT_EQ(aws.Url("", {{"prefix", "prod/"}, {"list-type", "2"}}),
              "https://hf-lake.s3.eu-west-3.amazonaws.com/?list-type=2&prefix=prod%2F");
    S3Client minio(BaseOptions("http://127.0.0.1:9000", true));
    EXPECT_EQ(minio.Url("prod/a.csv", {{"uploads", ""}}), "http://127.0.0.1:9000/hf-lake/prod/a.csv?uploads=");
    EXPECT_EQ(minio.Url("", {{"list-type", "2"}}), "http://127.0.0.1:9000/hf-lake?list-type=2");
}

// A virtual-hosted request really goes to bucket.host: curl resolves *.localhost to 127.0.0.1.
TEST(S3AddressingTest, VirtualHostedRequestsNameTheBucketInTheHost) {
    std::mutex mutex;
    std::string host;
    std::string path;
    std::string authorization;
    httplib::Server server;
    server.Get(".*", [&](const httplib::Request& request, httplib::Response& response) {
        std::lock_guard lock(mutex);
        host = request.get_header_value("Host");
        path = request.path;
        authorization = request.get_header_value("Authorization");
        response.set_content("ok", "text/plain");
    });
    int port = server.bind_to_any_port("127.0.0.1");
    std::jthread loop([&] { server.listen_after_bind(); });
    struct StopOnExit {
        httplib::Server& server;
        ~StopOnExit() { server.stop(); }
    } stop_on_exit{server};

    auto store = OpenS3ObjectStore(BaseOptions("http://localhost:" + std::to_string(port), false));
    EXPECT_EQ(store->Get("bronze/a.csv").Value(), "ok");
    std::lock_guard lock(mutex);
    EXPECT_EQ(host, "hf-lake.localhost:" + std::to_string(port));
    EXPECT_EQ(path, "/prod/bronze/a.csv");
    EXPECT_EQ(authorization.rfind("AWS4-HMAC-SHA256 Credential=AKID/", 0), 0u);
    EXPECT_NE(authorization.find("/eu-west-3/s3/aws4_request,SignedHeaders=host;x-amz-content-sha256;x-amz-date,"),
              std::string::npos);
}

}  // namespace
}  // namespace hf::lake

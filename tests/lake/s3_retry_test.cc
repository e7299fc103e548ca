#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "common/error.h"
#include "lake/s3_object_store.h"

namespace hf::lake {
namespace {

using Clock = std::chrono::steady_clock;

// An HTTP server on 127.0.0.1 that answers the first `failures` requests with 503 SlowDown
// and the next ones with 200 and a fixed body, recording when each request arrived.
class FlakyServer {
public:
    explicit FlakyServer(int failures) : failures_(failures) {
        server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
            std::lock_guard lock(mutex_);
            arrivals_.push_back(Clock::now());
            authorizations_.push_back(request.get_header_value("Authorization"));
            if (static_cast<int>(arrivals_.size()) <= failures_) {
                response.status = 503;
                response.set_content("<?xml version=\"1.0\"?><Error><Code>SlowDown</Code>"
                                     "<Message>Please reduce your request rate.</Message></Error>",
                                     "application/xml");
                return;
            }
            response.set_content("id;nom\n1;Martin\n", "text/csv");
        });
        port_ = server_.bind_to_any_port("127.0.0.1");  // listening from here on; accepted once the loop runs
        thread_ = std::jthread([this] { server_.listen_after_bind(); });
    }
    ~FlakyServer() { server_.stop(); }

    S3Options Options() const {
        S3Options options;
        options.bucket = "hf-lake";
        options.endpoint = "http://127.0.0.1:" + std::to_string(port_);
        options.path_style = true;
        options.credentials = {"AKID", "SECRET", ""};
        options.part_size = kMinPartSize;
        options.retry.max_retries = 2;
        options.retry.base_delay = std::chrono::milliseconds(100);
        return options;
    }
    std::vector<Clock::time_point> Arrivals() {
        std::lock_guard lock(mutex_);
        return arrivals_;
    }
    std::vector<std::string> Authorizations() {
        std::lock_guard lock(mutex_);
        return authorizations_;
    }

private:
    int failures_;
    httplib::Server server_;
    int port_ = 0;
    std::mutex mutex_;
    std::vector<Clock::time_point> arrivals_;
    std::vector<std::string> authorizations_;
    std::jthread thread_;
};

long long Millis(Clock::duration d) { return std::chrono::duration_cast<std::chrono::milliseconds>(d).count(); }

TEST(S3RetryTest, ServerErrorsAreRetriedWithBackoffThenSucceed) {
    FlakyServer server(2);
    auto store = OpenS3ObjectStore(server.Options());
    EXPECT_EQ(store->Get("bronze/patients.csv").Value(), "id;nom\n1;Martin\n");
    auto arrivals = server.Arrivals();
    ASSERT_EQ(arrivals.size(), 3u);
    // Equal jitter: the first wait is in [50, 100] ms, the second in [100, 200] ms.
    EXPECT_GE(Millis(arrivals[1] - arrivals[0]), 50);
    EXPECT_GE(Millis(arrivals[2] - arrivals[1]), 100);
    // Every try is signed afresh.
    for (const auto& authorization : server.Authorizations()) {
        EXPECT_EQ(authorization.rfind("AWS4-HMAC-SHA256 Credential=AKID/", 0), 0u);
    }
}

TEST(S3RetryTest, GivesUpAfterTheLimitWithARetryableError) {
    FlakyServer server(100);
    auto store = OpenS3ObjectStore(server.Options());
    auto get = store->Get("bronze/patients.csv");
    ASSERT_FALSE(get.Ok());
    EXPECT_EQ(server.Arrivals().size(), 3u);
    EXPECT_EQ(get.Err().Kind(), ErrorKind::UNAVAILABLE);
    EXPECT_TRUE(get.Err().Retryable());
    EXPECT_EQ(get.Err().Message(),
              "GetObject on s3://hf-lake/bronze/patients.csv failed after 3 tries; last failure: GetObject on "
              "s3://hf-lake/bronze/patients.csv failed: HTTP 503 SlowDown: Please reduce your request rate.");
    EXPECT_EQ(get.Err().Hint(), "the object store at " + server.Options().endpoint +
                                    " is unavailable or overloaded; try again later or raise lake.s3.max_retries");
}

TEST(S3RetryTest, ZeroRetriesMeansOneTry) {
    FlakyServer server(1);
    auto options = server.Options();
    options.retry.max_retries = 0;
    auto store = OpenS3ObjectStore(options);
    EXPECT_FALSE(store->Get("bronze/patients.csv").Ok());
    EXPECT_EQ(server.Arrivals().size(), 1u);
}

}  // namespace
}  // namespace hf::lake

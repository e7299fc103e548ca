#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace hf::lake {

// One HTTP request. `body` is borrowed: it must outlive the Send call.
struct HttpRequest {
    std::string method = "GET";  // GET, PUT, POST, HEAD, DELETE
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;
};

// What came back. Header names are lower-case; `body` is empty when the bytes of a
// successful (2xx) response went to a sink instead.
struct HttpResponse {
    long status = 0;
    std::map<std::string, std::string> headers;
    std::string body;
};

// Time limits of every request.
struct HttpTimeouts {
    std::chrono::milliseconds connect{10000};
    // A transfer slower than 1 KiB/s for this long is abandoned (TIMEOUT).
    std::chrono::seconds stall{60};
};

// Receives the body of a successful response chunk by chunk; may throw to stop the transfer.
using BodySink = std::function<void(std::string_view)>;

// An HTTP/1.1 client over libcurl. Keeps a small pool of easy handles so that connections
// are reused; each call takes a handle for itself, so the client is thread-safe.
class HttpClient {
public:
    explicit HttpClient(HttpTimeouts timeouts = {});
    ~HttpClient();
    HttpClient(const HttpClient&) = delete;
    HttpClient& operator=(const HttpClient&) = delete;

    // Sends one request and waits for the whole answer. Any HTTP status is a success here;
    // a failure to reach the server or to finish the transfer is an Error: UNAVAILABLE
    // (connection refused or reset, DNS), TIMEOUT, or INVALID_INPUT (malformed URL, TLS
    // certificate problem). An exception thrown by `sink` propagates unchanged.
    Result<HttpResponse> Send(const HttpRequest& request, const BodySink* sink = nullptr);

private:
    struct EasyHandle;
    std::unique_ptr<EasyHandle> Acquire();
    void Release(std::unique_ptr<EasyHandle> handle);

    HttpTimeouts timeouts_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<EasyHandle>> idle_;  // guarded by mutex_
};

}  // namespace hf::lake

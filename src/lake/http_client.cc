#include "lake/http_client.h"

#include <curl/curl.h>

#include <cstring>
#include <exception>

#include "common/error.h"
#include "common/strings.h"

namespace hf::lake {

namespace {

constexpr size_t kMaxIdleHandles = 8;

void GlobalInit() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

// State shared with curl's callbacks during one transfer.
struct Transfer {
    CURL* curl = nullptr;
    std::string_view upload;
    size_t uploaded = 0;
    HttpResponse* response = nullptr;
    const BodySink* sink = nullptr;
    std::exception_ptr sink_error;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    long status = 0;
    curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
    if (t->sink != nullptr && *t->sink && status >= 200 && status < 300) {
        try {
            (*t->sink)(std::string_view(data, n));
        } catch (...) {
            t->sink_error = std::current_exception();
            return 0;  // makes curl stop with CURLE_WRITE_ERROR; the exception is rethrown
        }
        return n;
    }
    t->response->body.append(data, n);
    return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (StartsWith(line, "HTTP/")) {
        t->response->headers.clear();  // a new response (after 100 Continue or a redirect)
        return n;
    }
    auto colon = line.find(':');
    if (colon != std::string_view::npos) {
        t->response->headers[ToLower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
    }
    return n;
}

size_t OnUpload(char* buffer, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = std::min(size * count, t->upload.size() - t->uploaded);
    std::memcpy(buffer, t->upload.data() + t->uploaded, n);
    t->uploaded += n;
    return n;
}

Error TransportError(CURLcode code, const char* detail, const HttpRequest& request) {
    std::string what = request.method + " " + request.url + " failed: " + (detail[0] != '\0' ? detail : curl_easy_strerror(code));
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return Error(ErrorKind::TIMEOUT, what, "the object store did not answer in time; check the network and endpoint");
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return Error(ErrorKind::INVALID_INPUT, what, "check lake.s3.endpoint (e.g. http://127.0.0.1:9000)");
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_CERTPROBLEM:
        return Error(ErrorKind::INVALID_INPUT, what, "the endpoint's TLS certificate is not trusted by this machine");
    default:
        return Error(ErrorKind::UNAVAILABLE, what,
                     "check that the object store at lake.s3.endpoint is running and reachable");
    }
}

}  // namespace

struct HttpClient::EasyHandle {
    CURL* curl = nullptr;
    EasyHandle() : curl(curl_easy_init()) {
        if (curl == nullptr) {
            throw Error(ErrorKind::INTERNAL, "libcurl could not create a transfer handle");
        }
    }
    ~EasyHandle() { curl_easy_cleanup(curl); }
    EasyHandle(const EasyHandle&) = delete;
    EasyHandle& operator=(const EasyHandle&) = delete;
};

HttpClient::HttpClient(HttpTimeouts timeouts) : timeouts_(timeouts) { GlobalInit(); }

HttpClient::~HttpClient() = default;

std::unique_ptr<HttpClient::EasyHandle> HttpClient::Acquire() {
    {
        std::lock_guard lock(mutex_);
        if (!idle_.empty()) {
            auto handle = std::move(idle_.back());
            idle_.pop_back();
            return handle;
        }
    }
    return std::make_unique<EasyHandle>();
}

void HttpClient::Release(std::unique_ptr<EasyHandle> handle) {
    std::lock_guard lock(mutex_);
    if (idle_.size() < kMaxIdleHandles) {
        idle_.push_back(std::move(handle));
    }
}

Result<HttpResponse> HttpClient::Send(const HttpRequest& request, const BodySink* sink) {
    auto handle = Acquire();
    CURL* curl = handle->curl;
    curl_easy_reset(curl);

    HttpResponse response;
    Transfer transfer{curl, request.body, 0, &response, sink, nullptr};
    char error_buffer[CURL_ERROR_SIZE] = {0};

    Slist headers;
    for (const auto& [name, value] : request.headers) {
        std::string line = name + ": " + value;
        headers.reset(curl_slist_append(headers.release(), line.c_str()));
    }
    headers.reset(curl_slist_append(headers.release(), "Expect:"));  // no 100-continue round trip
    headers.reset(curl_slist_append(headers.release(), "Accept:"));

    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(timeouts_.connect.count()));
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, static_cast<long>(timeouts_.stall.count()));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer);

    if (request.method == "HEAD") {
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    } else if (request.method == "PUT") {
        curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(curl, CURLOPT_READFUNCTION, OnUpload);
        curl_easy_setopt(curl, CURLOPT_READDATA, &transfer);
        curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    CURLcode code = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
    Release(std::move(handle));
    if (transfer.sink_error) {
        std::rethrow_exception(transfer.sink_error);
    }
    if (code != CURLE_OK) {
        return TransportError(code, error_buffer, request);
    }
    return response;
}

}  // namespace hf::lake

#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "lake/http_client.h"
#include "lake/s3_options.h"
#include "lake/sigv4.h"

namespace hf::lake {

// One S3 operation on the bucket: the object `key` (full key, prefix included; empty for
// the bucket itself), query parameters and body. `body` is borrowed for the call.
struct S3Call {
    std::string operation;  // "PutObject", "ListObjectsV2" ...: names the call in messages
    std::string method;
    std::string key;
    std::vector<std::pair<std::string, std::string>> query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;
};

// Signed, retried requests to one S3-compatible bucket. Retries (with exponential backoff
// and jitter) transport failures, 5xx and 429 answers, and an <Error> sent with a 200 by
// CompleteMultipartUpload; never other 4xx. Thread-safe; share it with std::shared_ptr.
class S3Client {
public:
    explicit S3Client(S3Options options);

    // Runs `call` and returns the final 2xx response. A non-2xx answer becomes an Error
    // carrying S3's error code and message: NOT_FOUND for 404, INVALID_INPUT for 403
    // (credentials or permissions) and other 4xx, CONFLICT for 409, UNAVAILABLE once
    // retries of a retryable failure are exhausted. With a `sink`, the body of a successful
    // GET goes to it; an interrupted download resumes where it stopped (Range request).
    Result<HttpResponse> Execute(const S3Call& call, const BodySink* sink = nullptr);

    // "https://host/bucket/key" (path style) or "https://bucket.host/key".
    std::string Url(const std::string& key, const std::vector<std::pair<std::string, std::string>>& query) const;
    const S3Options& Options() const { return options_; }

private:
    // The URI path (not encoded) of `key`, or of the bucket when `key` is empty.
    std::string Path(const std::string& key) const;
    Result<HttpResponse> SendOnce(const S3Call& call, const BodySink* sink, uint64_t resume_from);
    Error ErrorFor(const S3Call& call, const HttpResponse& response, int tries) const;

    S3Options options_;
    S3Endpoint endpoint_;
    std::string host_;  // Host header (and signed host)
    SigV4Signer signer_;
    HttpClient http_;
};

}  // namespace hf::lake

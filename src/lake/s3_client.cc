#include "lake/s3_client.h"

#include <spdlog/spdlog.h>

#include <random>
#include <thread>

#include "common/error.h"
#include "common/hash.h"
#include "lake/s3_xml.h"

namespace hf::lake {

namespace {

std::mt19937_64& Rng() {
    thread_local std::mt19937_64 rng{std::random_device{}()};
    return rng;
}

bool IsSuccess(long status) { return status >= 200 && status < 300; }

std::string Describe(const S3Call& call, const std::string& bucket) {
    std::string subject = call.key;
    for (const auto& [name, value] : call.query) {
        if (subject.empty() && name == "prefix") {
            subject = value;
        }
    }
    return call.operation + " on s3://" + bucket + "/" + subject;
}

}  // namespace

S3Client::S3Client(S3Options options)
    : options_(std::move(options)),
      endpoint_(ParseEndpoint(options_.endpoint)),
      host_(options_.path_style ? endpoint_.authority : options_.bucket + "." + endpoint_.authority),
      signer_(options_.credentials, options_.region),
      http_(options_.timeouts) {}

std::string S3Client::Path(const std::string& key) const {
    if (!options_.path_style) {
        return "/" + key;
    }
    return key.empty() ? "/" + options_.bucket : "/" + options_.bucket + "/" + key;
}

std::string S3Client::Url(const std::string& key,
                          const std::vector<std::pair<std::string, std::string>>& query) const {
    std::string url = endpoint_.scheme + "://" + host_ + UriEncodePath(Path(key));
    std::string canonical_query = CanonicalQueryString(query);
    if (!canonical_query.empty()) {
        url += "?" + canonical_query;
    }
    return url;
}

Result<HttpResponse> S3Client::SendOnce(const S3Call& call, const BodySink* sink, uint64_t resume_from) {
    SigningRequest to_sign;
    to_sign.method = call.method;
    to_sign.path = UriEncodePath(Path(call.key));
    to_sign.query = call.query;
    to_sign.headers = call.headers;
    to_sign.headers.emplace_back("host", host_);
    if (resume_from > 0) {
        to_sign.headers.emplace_back("range", "bytes=" + std::to_string(resume_from) + "-");
    }
    to_sign.payload_hash = Sha256Hex(call.body);
    SignedHeaders signed_headers = signer_.Sign(to_sign, AmzDate(std::chrono::system_clock::now()));

    HttpRequest request;
    request.method = call.method;
    request.url = Url(call.key, call.query);
    request.headers = to_sign.headers;
    request.headers.insert(request.headers.end(), signed_headers.headers.begin(), signed_headers.headers.end());
    request.body = call.body;
    return http_.Send(request, sink);
}

Result<HttpResponse> S3Client::Execute(const S3Call& call, const BodySink* sink) {
    uint64_t delivered = 0;
    BodySink counting;
    if (sink != nullptr) {
        counting = [&](std::string_view chunk) {
            (*sink)(chunk);
            delivered += chunk.size();
        };
    }
    const int tries = options_.retry.max_retries + 1;
    for (int attempt = 1;; ++attempt) {
        auto sent = SendOnce(call, sink != nullptr ? &counting : nullptr, delivered);
        std::string failure;
        std::optional<Error> last_error;
        if (!sent) {
            if (!sent.Err().Retryable()) {
                return sent.Err();
            }
            failure = sent.Err().Message();
            last_error = sent.Err();
        } else {
            const HttpResponse& response = sent.Value();
            bool error_in_200 = response.status == 200 && call.method == "POST" && IsErrorDocument(response.body);
            if (IsSuccess(response.status) && !error_in_200) {
                return sent;
            }
            if (!error_in_200 && !IsRetryableStatus(response.status)) {
                return ErrorFor(call, response, attempt);
            }
            S3ErrorBody body = ParseErrorBody(response.body);
            failure = "HTTP " + std::to_string(response.status) + (body.code.empty() ? "" : " " + body.code);
            last_error = ErrorFor(call, response, 1);
        }
        if (attempt >= tries) {
            return Error(ErrorKind::UNAVAILABLE,
                         Describe(call, options_.bucket) + " failed after " + std::to_string(attempt) +
                             " tries; last failure: " + last_error->Message(),
                         "the object store at " + options_.endpoint +
                             " is unavailable or overloaded; try again later or raise lake.s3.max_retries");
        }
        auto delay = options_.retry.Delay(attempt, Rng());
        spdlog::warn("{} failed ({}); retry {}/{} in {} ms", Describe(call, options_.bucket), failure, attempt,
                     tries - 1, delay.count());
        std::this_thread::sleep_for(delay);
    }
}

Error S3Client::ErrorFor(const S3Call& call, const HttpResponse& response, int tries) const {
    S3ErrorBody body = ParseErrorBody(response.body);
    std::string what = Describe(call, options_.bucket) + " failed: HTTP " + std::to_string(response.status);
    if (!body.code.empty()) {
        what += " " + body.code;
    }
    if (!body.message.empty()) {
        what += ": " + body.message;
    }
    if (tries > 1) {
        what += " (after " + std::to_string(tries) + " tries)";
    }
    switch (response.status) {
    case 403:
        if (body.code == "RequestTimeTooSkewed") {
            return Error(ErrorKind::INVALID_INPUT, what, "this machine's clock is off; synchronize it (NTP)");
        }
        return Error(ErrorKind::INVALID_INPUT, what,
                     "the access key or secret is wrong (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY), or the key lacks "
                     "permission on bucket '" +
                         options_.bucket + "' or key '" + call.key + "'");
    case 404:
        if (body.code == "NoSuchBucket") {
            return Error(ErrorKind::NOT_FOUND, what,
                         "create bucket '" + options_.bucket + "' or fix lake.uri; with MinIO/Ceph also check "
                         "lake.s3.path_style");
        }
        return Error(ErrorKind::NOT_FOUND, what, "check the key; `healthflow lake ls` lists the lake");
    case 409:
        return Error(ErrorKind::CONFLICT, what, "another writer changed the same object; run the step again");
    default:
        if (IsRetryableStatus(response.status) || response.status == 200) {
            return Error(ErrorKind::UNAVAILABLE, what, "the object store is unavailable or overloaded; try again later");
        }
        return Error(ErrorKind::INVALID_INPUT, what,
                     "the object store refused the request; check lake.uri, lake.s3.endpoint, lake.s3.region and "
                     "lake.s3.path_style");
    }
}

}  // namespace hf::lake

#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hf::lake {

// AWS credentials. The secret and token never appear in messages or logs.
struct AwsCredentials {
    std::string access_key_id;
    std::string secret_access_key;
    std::string session_token;  // empty unless temporary credentials (STS) are used
};

// A request as AWS Signature Version 4 sees it. Header names may have any case; the
// signer lower-cases and sorts them. `path` is the URI path already percent-encoded
// (see UriEncodePath); `query` holds the decoded parameters in any order.
struct SigningRequest {
    std::string method;                                        // "GET", "PUT", ...
    std::string path;                                          // "/bucket/key%20name"
    std::vector<std::pair<std::string, std::string>> query;    // {"list-type", "2"}
    std::vector<std::pair<std::string, std::string>> headers;  // must include "host"
    std::string payload_hash;                                  // hex SHA-256 of the body
};

// What the signer adds to a request: the headers to send (x-amz-date, x-amz-content-sha256,
// x-amz-security-token when set, Authorization), plus the intermediate strings for diagnostics.
struct SignedHeaders {
    std::vector<std::pair<std::string, std::string>> headers;
    std::string canonical_request;
    std::string string_to_sign;
    std::string signature;  // lower-case hex
};

// "/a b/c" -> "/a%20b/c": encodes a path, keeping its '/' separators.
std::string UriEncodePath(std::string_view path);
// "a=1&b=x%2Fy": parameters encoded with hf::UriEncode (RFC 3986, as SigV4 requires) and
// sorted by name then value.
std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query);
// "20130524T000000Z" for a point in time (UTC).
std::string AmzDate(std::chrono::system_clock::time_point when);
// The derived signing key (raw bytes) for a date ("20130524"), region and service.
std::string DeriveSigningKey(std::string_view secret, std::string_view date, std::string_view region,
                             std::string_view service);

// Signs requests for one region and service with AWS Signature Version 4 (header form).
// Immutable after construction; thread-safe.
class SigV4Signer {
public:
    SigV4Signer(AwsCredentials credentials, std::string region, std::string service = "s3");

    // Signs `request` as sent at `amz_date` ("YYYYMMDDTHHMMSSZ"). Adds x-amz-date and
    // x-amz-content-sha256 (and x-amz-security-token) to the signed headers itself.
    SignedHeaders Sign(const SigningRequest& request, const std::string& amz_date) const;

    const std::string& Region() const { return region_; }

private:
    AwsCredentials credentials_;
    std::string region_;
    std::string service_;
};

}  // namespace hf::lake

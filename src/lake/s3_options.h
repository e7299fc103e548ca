#pragma once

#include <cstdint>
#include <string>

#include "common/config.h"
#include "lake/http_client.h"
#include "lake/retry_policy.h"
#include "lake/sigv4.h"

namespace hf::lake {

// The smallest part S3 accepts in a multipart upload (all parts but the last).
inline constexpr uint64_t kMinPartSize = 5ull << 20;

// Everything needed to reach one S3-compatible bucket. Copyable value.
struct S3Options {
    std::string bucket;
    std::string prefix;    // "" or "a/b/" (always ends with '/'): prepended to every key
    std::string endpoint;  // "https://s3.eu-west-3.amazonaws.com", "http://127.0.0.1:9000"
    std::string region = "us-east-1";
    bool path_style = false;  // endpoint/bucket/key (MinIO, Ceph) instead of bucket.endpoint/key
    AwsCredentials credentials;
    RetryPolicy retry;
    uint64_t part_size = 8ull << 20;  // buffered bytes per multipart part, >= kMinPartSize
    HttpTimeouts timeouts;
};

// Splits "s3://bucket/some/prefix" into bucket and normalized prefix ("some/prefix/").
// Throws INVALID_INPUT when the URI is not of that form.
void ParseS3Uri(const std::string& uri, std::string& bucket, std::string& prefix);

// Options for `uri` ("s3://bucket/prefix") from the configuration (lake.s3.*) and the usual
// AWS environment variables: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
// AWS_REGION (or AWS_DEFAULT_REGION), AWS_ENDPOINT_URL. Throws INVALID_INPUT for a bad URI,
// a bad setting or missing credentials (the message names the variables to set).
S3Options S3OptionsFromConfig(const Config& config, const std::string& uri);

// The scheme+authority of an endpoint URL, and the Host header for `bucket` under it.
struct S3Endpoint {
    std::string scheme;     // "http" or "https"
    std::string authority;  // "127.0.0.1:9000", "s3.eu-west-3.amazonaws.com"
};
// Parses an endpoint URL ("http://127.0.0.1:9000", "https://s3.amazonaws.com/"). Throws
// INVALID_INPUT for anything else (a path after the host, an unknown scheme).
S3Endpoint ParseEndpoint(const std::string& url);

}  // namespace hf::lake

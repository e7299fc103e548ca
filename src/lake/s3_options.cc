#include "lake/s3_options.h"

#include <cstdlib>

#include "common/error.h"
#include "common/strings.h"

namespace hf::lake {

namespace {

std::string Env(const char* name) {
    const char* value = std::getenv(name);
    return value == nullptr ? std::string() : std::string(value);
}

long long PositiveSetting(const Config& config, const std::string& key, long long min) {
    long long value = config.GetInt(key);
    if (value < min) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "setting " + key + " is " + std::to_string(value) + ", below its minimum " + std::to_string(min),
                    "set " + key + " (or " + Config::EnvName(key) + ") to at least " + std::to_string(min));
    }
    return value;
}

}  // namespace

void ParseS3Uri(const std::string& uri, std::string& bucket, std::string& prefix) {
    constexpr std::string_view kScheme = "s3://";
    if (!StartsWith(uri, kScheme)) {
        throw Error(ErrorKind::INVALID_INPUT, "'" + uri + "' is not an S3 URI",
                    "write lake.uri as s3://bucket or s3://bucket/prefix");
    }
    std::string rest = uri.substr(kScheme.size());
    auto slash = rest.find('/');
    bucket = rest.substr(0, slash);
    prefix = slash == std::string::npos ? std::string() : rest.substr(slash + 1);
    while (!prefix.empty() && prefix.back() == '/') {
        prefix.pop_back();
    }
    if (!prefix.empty()) {
        prefix += '/';
    }
    bool valid_bucket = bucket.size() >= 3 && bucket.size() <= 63;
    for (char c : bucket) {
        valid_bucket = valid_bucket && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.');
    }
    if (!valid_bucket) {
        throw Error(ErrorKind::INVALID_INPUT, "'" + bucket + "' in lake.uri '" + uri + "' is not a valid bucket name",
                    "bucket names have 3 to 63 characters among a-z, 0-9, '-' and '.'");
    }
    if (StartsWith(prefix, "/") || prefix.find("//") != std::string::npos) {
        throw Error(ErrorKind::INVALID_INPUT, "the prefix of lake.uri '" + uri + "' has an empty path segment",
                    "write lake.uri as s3://bucket/some/prefix");
    }
}

S3Endpoint ParseEndpoint(const std::string& url) {
    S3Endpoint endpoint;
    auto sep = url.find("://");
    if (sep != std::string::npos) {
        endpoint.scheme = ToLower(url.substr(0, sep));
        endpoint.authority = url.substr(sep + 3);
    }
    while (!endpoint.authority.empty() && endpoint.authority.back() == '/') {
        endpoint.authority.pop_back();
    }
    if ((endpoint.scheme != "http" && endpoint.scheme != "https") || endpoint.authority.empty() ||
        endpoint.authority.find_first_of("/?#@ ") != std::string::npos) {
        throw Error(ErrorKind::INVALID_INPUT, "S3 endpoint '" + url + "' is not of the form http(s)://host[:port]",
                    "set lake.s3.endpoint (or AWS_ENDPOINT_URL) to e.g. http://127.0.0.1:9000");
    }
    return endpoint;
}

S3Options S3OptionsFromConfig(const Config& config, const std::string& uri) {
    S3Options options;
    ParseS3Uri(uri, options.bucket, options.prefix);

    options.region = config.Get("lake.s3.region");
    if (options.region.empty()) {
        options.region = Env("AWS_REGION");
    }
    if (options.region.empty()) {
        options.region = Env("AWS_DEFAULT_REGION");
    }
    if (options.region.empty()) {
        options.region = "us-east-1";
    }

    options.endpoint = config.Get("lake.s3.endpoint");
    if (options.endpoint.empty()) {
        options.endpoint = Env("AWS_ENDPOINT_URL");
    }
    if (options.endpoint.empty()) {
        options.endpoint = "https://s3." + options.region + ".amazonaws.com";
    }
    ParseEndpoint(options.endpoint);
    options.path_style = config.GetBool("lake.s3.path_style");

    options.credentials.access_key_id = Env("AWS_ACCESS_KEY_ID");
    options.credentials.secret_access_key = Env("AWS_SECRET_ACCESS_KEY");
    options.credentials.session_token = Env("AWS_SESSION_TOKEN");
    if (options.credentials.access_key_id.empty() || options.credentials.secret_access_key.empty()) {
        throw Error(ErrorKind::INVALID_INPUT, "no S3 credentials for lake '" + uri + "'",
                    "export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
                    "credentials)");
    }

    options.retry.max_retries = static_cast<int>(PositiveSetting(config, "lake.s3.max_retries", 0));
    options.retry.base_delay = std::chrono::milliseconds(PositiveSetting(config, "lake.s3.retry_base_ms", 1));
    options.part_size = static_cast<uint64_t>(PositiveSetting(config, "lake.s3.part_size_mb", 5)) << 20;
    options.timeouts.stall = std::chrono::seconds(PositiveSetting(config, "lake.s3.timeout_seconds", 1));
    return options;
}

}  // namespace hf::lake

#include "lake/sigv4.h"

#include <openssl/hmac.h>

#include <algorithm>
#include <ctime>

#include "common/error.h"
#include "common/hash.h"
#include "common/strings.h"
#include "common/utc_time.h"

namespace hf::lake {

namespace {

std::string HmacSha256(std::string_view key, std::string_view data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
             data.size(), out, &len) == nullptr) {
        throw Error(ErrorKind::INTERNAL, "OpenSSL could not compute an HMAC-SHA256 for the S3 signature");
    }
    return std::string(reinterpret_cast<const char*>(out), len);
}

// Header values are trimmed and inner runs of spaces collapse to one.
std::string CanonicalHeaderValue(std::string_view value) {
    std::string out;
    bool in_space = false;
    for (char c : Trim(value)) {
        if (c == ' ' || c == '\t') {
            in_space = true;
            continue;
        }
        if (in_space) {
            out.push_back(' ');
            in_space = false;
        }
        out.push_back(c);
    }
    return out;
}

}  // namespace

std::string UriEncodePath(std::string_view path) { return UriEncode(path, true); }

std::string CanonicalQueryString(const std::vector<std::pair<std::string, std::string>>& query) {
    std::vector<std::pair<std::string, std::string>> encoded;
    encoded.reserve(query.size());
    for (const auto& [name, value] : query) {
        encoded.emplace_back(UriEncode(name), UriEncode(value));
    }
    std::sort(encoded.begin(), encoded.end());
    std::string out;
    for (const auto& [name, value] : encoded) {
        if (!out.empty()) {
            out.push_back('&');
        }
        out += name + "=" + value;
    }
    return out;
}

std::string AmzDate(std::chrono::system_clock::time_point when) {
    return FormatUtc(when, "%Y%m%dT%H%M%SZ");
}

std::string DeriveSigningKey(std::string_view secret, std::string_view date, std::string_view region,
                             std::string_view service) {
    std::string k_date = HmacSha256("AWS4" + std::string(secret), date);
    std::string k_region = HmacSha256(k_date, region);
    std::string k_service = HmacSha256(k_region, service);
    return HmacSha256(k_service, "aws4_request");
}

SigV4Signer::SigV4Signer(AwsCredentials credentials, std::string region, std::string service)
    : credentials_(std::move(credentials)), region_(std::move(region)), service_(std::move(service)) {}

SignedHeaders SigV4Signer::Sign(const SigningRequest& request, const std::string& amz_date) const {
    SignedHeaders result;
    result.headers.emplace_back("x-amz-date", amz_date);
    result.headers.emplace_back("x-amz-content-sha256", request.payload_hash);
    if (!credentials_.session_token.empty()) {
        result.headers.emplace_back("x-amz-security-token", credentials_.session_token);
    }

    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request.headers) {
        headers.emplace_back(ToLower(name), CanonicalHeaderValue(value));
    }
    for (const auto& [name, value] : result.headers) {
        headers.emplace_back(name, value);
    }
    std::sort(headers.begin(), headers.end());

    std::string canonical_headers;
    std::vector<std::string> names;
    for (const auto& [name, value] : headers) {
        canonical_headers += name + ":" + value + "\n";
        names.push_back(name);
    }
    std::string signed_names = Join(names, ";");

    result.canonical_request = request.method + "\n" + (request.path.empty() ? "/" : request.path) + "\n" +
                               CanonicalQueryString(request.query) + "\n" + canonical_headers + "\n" + signed_names +
                               "\n" + request.payload_hash;

    std::string date = amz_date.substr(0, 8);
    std::string scope = date + "/" + region_ + "/" + service_ + "/aws4_request";
    result.string_to_sign =
        "AWS4-HMAC-SHA256\n" + amz_date + "\n" + scope + "\n" + Sha256Hex(result.canonical_request);

    std::string key = DeriveSigningKey(credentials_.secret_access_key, date, region_, service_);
    result.signature = ToHex(HmacSha256(key, result.string_to_sign));
    result.headers.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials_.access_key_id + "/" +
                                                     scope + ",SignedHeaders=" + signed_names +
                                                     ",Signature=" + result.signature);
    return result;
}

}  // namespace hf::lake

#include <gtest/gtest.h>

#include "common/hash.h"
#include "common/strings.h"
#include "lake/sigv4.h"

namespace hf::lake {
namespace {

// The worked examples of AWS's documentation "Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk (AWS Signature Version 4)" (Amazon S3 API
// Reference), and "Derive a signing key" (IAM user guide).
const AwsCredentials kExampleCredentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", ""};
const std::string kEmptyHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

TEST(SigV4Test, DerivesTheDocumentedSigningKey) {
    std::string key = DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1", "iam");
    EXPECT_EQ(ToHex(key), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4Test, SignsTheGetObjectExample) {
    SigV4Signer signer(kExampleCredentials, "us-east-1");
    SigningRequest request{"GET", "/test.txt", {}, {{"Host", "examplebucket.s3.amazonaws.com"}, {"Range", "bytes=0-9"}},
                           kEmptyHash};
    SignedHeaders signed_headers = signer.Sign(request, "20130524T000000Z");
    EXPECT_EQ(signed_headers.canonical_request,
              "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
              "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
              "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
              "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(signed_headers.string_to_sign,
              "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
              "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    EXPECT_EQ(signed_headers.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
    EXPECT_EQ(signed_headers.headers.back().first, "Authorization");
    EXPECT_EQ(signed_headers.headers.back().second,
              "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
              "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
              "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

TEST(SigV4Test, SignsThePutObjectExample) {
    SigV4Signer signer(kExampleCredentials, "us-east-1");
    std::string body = "Welcome to Amazon S3.";
    SigningRequest request{"PUT",
                           UriEncodePath("/test$file.text"),
                           {},
                           {{"Host", "examplebucket.s3.amazonaws.com"},
                            {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                            {"x-amz-storage-class", "REDUCED_REDUNDANCY"}},
                           Sha256Hex(body)};
    EXPECT_EQ(request.path, "/test%24file.text");
    EXPECT_EQ(request.payload_hash, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    SignedHeaders signed_headers = signer.Sign(request, "20130524T000000Z");
    EXPECT_EQ(signed_headers.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4Test, SignsTheGetBucketLifecycleExample) {
    SigV4Signer signer(kExampleCredentials, "us-east-1");
    SigningRequest request{"GET", "/", {{"lifecycle", ""}}, {{"Host", "examplebucket.s3.amazonaws.com"}}, kEmptyHash};
    SignedHeaders signed_headers = signer.Sign(request, "20130524T000000Z");
    EXPECT_EQ(signed_headers.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4Test, SignsTheListObjectsExample) {
    SigV4Signer signer(kExampleCredentials, "us-east-1");
    SigningRequest request{
        "GET", "/", {{"prefix", "J"}, {"max-keys", "2"}}, {{"Host", "examplebucket.s3.amazonaws.com"}}, kEmptyHash};
    SignedHeaders signed_headers = signer.Sign(request, "20130524T000000Z");
    EXPECT_EQ(signed_headers.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4Test, AddsTheSessionTokenToTheSignedHeaders) {
    AwsCredentials credentials = kExampleCredentials;
    credentials.session_token = "token/with+chars";
    SigV4Signer signer(credentials, "eu-west-3");
    SigningRequest request{"GET", "/k", {}, {{"host", "b.s3.amazonaws.com"}}, kEmptyHash};
    SignedHeaders signed_headers = signer.Sign(request, "20261128T120000Z");
    EXPECT_EQ(signed_headers.headers[2], (std::pair<std::string, std::string>{"x-amz-security-token", "token/with+chars"}));
    EXPECT_NE(signed_headers.canonical_request.find("x-amz-security-token:token/with+chars\n"), std::string::npos);
    EXPECT_NE(signed_headers.headers.back().second.find(
                  "Credential=AKIAIOSFODNN7EXAMPLE/20261128/eu-west-3/s3/aws4_request,"
                  "SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"),
              std::string::npos);
}

TEST(SigV4Test, EncodesPerRfc3986) {
    EXPECT_EQ(UriEncode("a b+c/d~e_f.g-h*"), "a%20b%2Bc%2Fd~e_f.g-h%2A");
    EXPECT_EQ(UriEncodePath("/bronze/année=2026/x y.csv"), "/bronze/ann%C3%A9e%3D2026/x%20y.csv");
    EXPECT_EQ(CanonicalQueryString({{"prefix", "a/b"}, {"list-type", "2"}, {"continuation-token", "x+y="}}),
              "continuation-token=x%2By%3D&list-type=2&prefix=a%2Fb");
    EXPECT_EQ(CanonicalQueryString({{"uploads", ""}}), "uploads=");
}

TEST(SigV4Test, FormatsAmzDateInUtc) {
    EXPECT_EQ(AmzDate(std::chrono::system_clock::from_time_t(1369353600)), "20130524T000000Z");
}

}  // namespace
}  // namespace hf::lake

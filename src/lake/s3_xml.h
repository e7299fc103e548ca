#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lake/object_store.h"

namespace hf::lake {

// The <Error> document S3 returns with a failed request. Empty fields when the body is
// empty or not XML (HEAD responses have no body).
struct S3ErrorBody {
    std::string code;     // "SignatureDoesNotMatch", "NoSuchKey", "SlowDown" ...
    std::string message;  // S3's human-readable explanation
};

// One page of a ListObjectsV2 answer.
struct ListPage {
    std::vector<ObjectInfo> objects;  // keys as S3 returns them (with the store's prefix)
    bool is_truncated = false;
    std::string next_continuation_token;
};

// One uploaded part of a multipart upload.
struct CompletedPart {
    int number = 0;    // 1-based
    std::string etag;  // as returned by UploadPart, quotes included
};

// Parsers and builders of S3's XML documents (tinyxml2). Pure functions, thread-safe.
// The parsers throw hf::Error (DATA) when a document is not what S3 documents.

// Reads an <Error><Code/><Message/></Error> document; never throws.
S3ErrorBody ParseErrorBody(std::string_view xml);
// True when `xml` is an <Error> document (CompleteMultipartUpload may fail with status 200).
bool IsErrorDocument(std::string_view xml);
ListPage ParseListObjectsV2(std::string_view xml);
// The UploadId of an <InitiateMultipartUploadResult>.
std::string ParseUploadId(std::string_view xml);
// The <CompleteMultipartUpload> request body for `parts` (in part-number order).
std::string BuildCompleteMultipartUpload(const std::vector<CompletedPart>& parts);

}  // namespace hf::lake

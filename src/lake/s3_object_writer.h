#pragma once

#include <memory>
#include <string>
#include <vector>

#include "lake/object_store.h"
#include "lake/s3_client.h"
#include "lake/s3_xml.h"

namespace hf::lake {

// Streams one object to S3. Buffers up to the part size; a small object goes up in one
// PutObject at Commit, a larger one switches to a multipart upload (CreateMultipartUpload,
// UploadPart per full part, CompleteMultipartUpload at Commit), so nothing is visible under
// the key before Commit. Abort, destruction without Commit, or a failure abort the upload.
// Shares the client with its store (may outlive it); one thread at a time.
class S3ObjectWriter final : public ObjectWriter {
public:
    S3ObjectWriter(std::shared_ptr<S3Client> client, std::string full_key);
    ~S3ObjectWriter() override;
    S3ObjectWriter(const S3ObjectWriter&) = delete;
    S3ObjectWriter& operator=(const S3ObjectWriter&) = delete;

    void Write(std::string_view data) override;
    uint64_t Commit() override;
    void Abort() override;

    // True once the writer has switched to a multipart upload.
    bool IsMultipart() const { return !upload_id_.empty(); }

private:
    enum class State { OPEN, COMMITTED, ABORTED };

    void RequireOpen(const char* operation) const;
    void UploadPart(std::string_view data);
    void AbortQuietly() noexcept;

    std::shared_ptr<S3Client> client_;
    std::string key_;
    std::string buffer_;
    std::string upload_id_;
    std::vector<CompletedPart> parts_;
    uint64_t size_ = 0;
    State state_ = State::OPEN;
};

}  // namespace hf::lake

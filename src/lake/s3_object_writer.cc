#include "lake/s3_object_writer.h"

#include <spdlog/spdlog.h>

#include "common/error.h"

namespace hf::lake {

S3ObjectWriter::S3ObjectWriter(std::shared_ptr<S3Client> client, std::string full_key)
    : client_(std::move(client)), key_(std::move(full_key)) {}

S3ObjectWriter::~S3ObjectWriter() {
    if (state_ == State::OPEN) {
        AbortQuietly();
    }
}

void S3ObjectWriter::RequireOpen(const char* operation) const {
    if (state_ != State::OPEN) {
        throw Error(ErrorKind::INTERNAL,
                    std::string(operation) + " on the S3 writer of '" + key_ + "' after it was " +
                        (state_ == State::COMMITTED ? "committed" : "aborted"),
                    "open a new writer for each object");
    }
}

void S3ObjectWriter::Write(std::string_view data) {
    RequireOpen("Write");
    const uint64_t part_size = client_->Options().part_size;
    try {
        buffer_.append(data);
        size_ += data.size();
        size_t offset = 0;
        while (buffer_.size() - offset >= part_size) {
            UploadPart(std::string_view(buffer_).substr(offset, part_size));
            offset += part_size;
        }
        buffer_.erase(0, offset);
    } catch (const Error&) {
        AbortQuietly();
        throw;
    }
}

void S3ObjectWriter::UploadPart(std::string_view data) {
    if (upload_id_.empty()) {
        S3Call create{"CreateMultipartUpload", "POST", key_, {{"uploads", ""}}, {}, {}};
        upload_id_ = ParseUploadId(client_->Execute(create).Value().body);
        spdlog::debug("multipart upload {} started for s3://{}/{}", upload_id_, client_->Options().bucket, key_);
    }
    int number = static_cast<int>(parts_.size()) + 1;
    S3Call part{"UploadPart",
                "PUT",
                key_,
                {{"partNumber", std::to_string(number)}, {"uploadId", upload_id_}},
                {},
                data};
    HttpResponse response = client_->Execute(part).Value();
    auto etag = response.headers.find("etag");
    if (etag == response.headers.end() || etag->second.empty()) {
        throw Error(ErrorKind::DATA, "UploadPart " + std::to_string(number) + " of '" + key_ + "' returned no ETag",
                    "check that lake.s3.endpoint points to an S3-compatible service");
    }
    parts_.push_back({number, etag->second});
}

uint64_t S3ObjectWriter::Commit() {
    RequireOpen("Commit");
    try {
        if (upload_id_.empty()) {
            S3Call put{"PutObject", "PUT", key_, {}, {}, buffer_};
            client_->Execute(put).Value();
        } else {
            if (!buffer_.empty()) {
                UploadPart(buffer_);
            }
            std::string body = BuildCompleteMultipartUpload(parts_);
            S3Call complete{"CompleteMultipartUpload", "POST", key_, {{"uploadId", upload_id_}},
                            {{"content-type", "application/xml"}}, body};
            client_->Execute(complete).Value();
        }
    } catch (const Error&) {
        AbortQuietly();
        throw;
    }
    buffer_.clear();
    buffer_.shrink_to_fit();
    state_ = State::COMMITTED;
    return size_;
}

void S3ObjectWriter::Abort() {
    if (state_ != State::OPEN) {
        return;
    }
    AbortQuietly();
}

void S3ObjectWriter::AbortQuietly() noexcept {
    state_ = State::ABORTED;
    buffer_.clear();
    buffer_.shrink_to_fit();
    if (upload_id_.empty()) {
        return;
    }
    try {
        S3Call abort{"AbortMultipartUpload", "DELETE", key_, {{"uploadId", upload_id_}}, {}, {}};
        auto done = client_->Execute(abort);
        if (!done) {
            spdlog::warn("could not abort multipart upload {} of s3://{}/{}: {} (its parts stay invisible; a bucket "
                         "lifecycle rule for incomplete uploads removes them)",
                         upload_id_, client_->Options().bucket, key_, done.Err().Message());
        }
    } catch (const std::exception& e) {
        spdlog::warn("could not abort multipart upload {} of s3://{}/{}: {}", upload_id_, client_->Options().bucket,
                     key_, e.what());
    }
    upload_id_.clear();
}

}  // namespace hf::lake

#include "lake/s3_object_store.h"

#include <algorithm>

#include "common/error.h"
#include "common/strings.h"
#include "lake/s3_client.h"
#include "lake/s3_object_writer.h"
#include "lake/s3_xml.h"

namespace hf::lake {

namespace {

// Catches hf::Error from a call and turns it into a Result / Status.
template <typename Fn>
auto Capture(Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const Error& e) {
        return e;
    }
}

class S3ObjectStore final : public ObjectStore {
public:
    explicit S3ObjectStore(const S3Options& options) : client_(std::make_shared<S3Client>(options)) {
        if (options.part_size < kMinPartSize) {
            throw Error(ErrorKind::INVALID_INPUT,
                        "S3 part size " + FormatBytes(static_cast<double>(options.part_size)) + " is below 5 MiB",
                        "set lake.s3.part_size_mb to 5 or more (S3 refuses smaller parts)");
        }
    }

    std::unique_ptr<ObjectWriter> OpenWriter(const std::string& key) override {
        return std::make_unique<S3ObjectWriter>(client_, FullKey(key));
    }

    Status Put(const std::string& key, std::string_view data) override {
        return Capture([&]() -> Status {
            S3Call put{"PutObject", "PUT", FullKey(key), {}, {}, data};
            auto sent = client_->Execute(put);
            return sent ? Status::Success() : Status(sent.Err());
        });
    }

    Result<std::string> Get(const std::string& key) override {
        return Capture([&]() -> Result<std::string> {
            S3Call get{"GetObject", "GET", FullKey(key), {}, {}, {}};
            auto sent = client_->Execute(get);
            if (!sent) {
                return sent.Err();
            }
            return std::move(sent.Value().body);
        });
    }

    Status Read(const std::string& key, const std::function<void(std::string_view)>& consume) override {
        return Capture([&]() -> Status {
            S3Call get{"GetObject", "GET", FullKey(key), {}, {}, {}};
            BodySink sink = consume;
            auto sent = client_->Execute(get, &sink);
            return sent ? Status::Success() : Status(sent.Err());
        });
    }

    Result<std::vector<ObjectInfo>> List(const std::string& prefix) override {
        return Capture([&]() -> Result<std::vector<ObjectInfo>> {
            const std::string& store_prefix = client_->Options().prefix;
            std::vector<ObjectInfo> all;
            std::string token;
            do {
                S3Call list{"ListObjectsV2", "GET", "", {{"list-type", "2"}, {"prefix", store_prefix + prefix}}, {}, {}};
                if (!token.empty()) {
                    list.query.emplace_back("continuation-token", token);
                }
                auto sent = client_->Execute(list);
                if (!sent) {
                    return sent.Err();
                }
                ListPage page = ParseListObjectsV2(sent.Value().body);
                for (auto& object : page.objects) {
                    if (StartsWith(object.key, store_prefix)) {
                        object.key.erase(0, store_prefix.size());
                        all.push_back(std::move(object));
                    }
                }
                token = page.is_truncated ? page.next_continuation_token : std::string();
            } while (!token.empty());
            std::sort(all.begin(), all.end(), [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
            return all;
        });
    }

    Result<bool> Exists(const std::string& key) override {
        return Capture([&]() -> Result<bool> {
            S3Call head{"HeadObject", "HEAD", FullKey(key), {}, {}, {}};
            auto sent = client_->Execute(head);
            if (sent) {
                return true;
            }
            if (sent.Err().Kind() == ErrorKind::NOT_FOUND) {
                return false;
            }
            return sent.Err();
        });
    }

    Status Delete(const std::string& key) override {
        return Capture([&]() -> Status {
            S3Call remove{"DeleteObject", "DELETE", FullKey(key), {}, {}, {}};
            auto sent = client_->Execute(remove);
            if (!sent && sent.Err().Kind() != ErrorKind::NOT_FOUND) {
                return sent.Err();
            }
            return Status::Success();
        });
    }

    std::string Describe() const override {
        const auto& options = client_->Options();
        std::string prefix = options.prefix;
        if (!prefix.empty()) {
            prefix.pop_back();
        }
        return "s3://" + options.bucket + (prefix.empty() ? "" : "/" + prefix);
    }

    std::optional<std::string> LocalPath(const std::string&) const override { return std::nullopt; }

private:
    std::string FullKey(const std::string& key) const {
        if (key.empty() || StartsWith(key, "/") || key.find("//") != std::string::npos) {
            throw Error(ErrorKind::INVALID_INPUT, "'" + key + "' is not a valid lake key",
                        "keys are '/'-separated paths such as bronze/patients/file.csv, without a leading '/'");
        }
        return client_->Options().prefix + key;
    }

    std::shared_ptr<S3Client> client_;
};

}  // namespace

std::unique_ptr<ObjectStore> OpenS3ObjectStore(const S3Options& options) {
    return std::make_unique<S3ObjectStore>(options);
}

}  // namespace hf::lake

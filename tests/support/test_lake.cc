#include "support/test_lake.h"

#include <algorithm>
#include <fstream>

#include "common/error.h"
#include "common/fs.h"

namespace hf::testing {

namespace {

// Buffers the object in memory and writes it on Commit.
class BufferedWriter : public lake::ObjectWriter {
public:
    BufferedWriter(TestLake& lake, std::string key) : lake_(lake), key_(std::move(key)) {}
    void Write(std::string_view data) override { data_ += data; }
    uint64_t Commit() override {
        lake_.Put(key_, data_).Check();
        return data_.size();
    }
    void Abort() override { data_.clear(); }

private:
    TestLake& lake_;
    std::string key_;
    std::string data_;
};

}  // namespace

std::unique_ptr<lake::ObjectWriter> TestLake::OpenWriter(const std::string& key) {
    return std::make_unique<BufferedWriter>(*this, key);
}

Status TestLake::Put(const std::string& key, std::string_view data) {
    auto path = root_ / key;
    if (auto st = EnsureDirectory(path.parent_path()); !st) {
        return st;
    }
    return WriteFileAtomic(path, data);
}

Result<std::string> TestLake::Get(const std::string& key) {
    if (!std::filesystem::exists(root_ / key)) {
        return Error(ErrorKind::NOT_FOUND, "no object " + key + " in " + root_.string());
    }
    return ReadFile(root_ / key);
}

Status TestLake::Read(const std::string& key, const std::function<void(std::string_view)>& consume) {
    std::ifstream in(root_ / key, std::ios::binary);
    if (!in) {
        return Error(ErrorKind::NOT_FOUND, "no object " + key + " in " + root_.string());
    }
    std::string buf(1 << 16, '\0');
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        if (in.gcount() > 0) {
            consume(std::string_view(buf.data(), static_cast<size_t>(in.gcount())));
        }
    }
    return Status::Success();
}

Result<std::vector<lake::ObjectInfo>> TestLake::List(const std::string& prefix) {
    std::vector<lake::ObjectInfo> out;
    if (!std::filesystem::exists(root_)) {
        return out;
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root_)) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::string key = std::filesystem::relative(entry.path(), root_).generic_string();
        if (key.compare(0, prefix.size(), prefix) == 0) {
            out.push_back({key, static_cast<uint64_t>(entry.file_size())});
        }
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    return out;
}

Result<bool> TestLake::Exists(const std::string& key) { return std::filesystem::exists(root_ / key); }

Status TestLake::Delete(const std::string& key) {
    std::error_code ec;
    std::filesystem::remove(root_ / key, ec);
    return Status::Success();
}

}  // namespace hf::testing

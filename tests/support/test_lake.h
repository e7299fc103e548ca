#pragma once

#include <filesystem>
#include <memory>

#include "lake/object_store.h"

namespace hf::testing {

// A minimal local-folder ObjectStore for tests of modules that read the lake: keys map to files
// under `root`. Writes are atomic (temporary file + rename). Thread-safe (stateless).
class TestLake : public lake::ObjectStore {
public:
    explicit TestLake(std::filesystem::path root) : root_(std::move(root)) {}

    std::unique_ptr<lake::ObjectWriter> OpenWriter(const std::string& key) override;
    Status Put(const std::string& key, std::string_view data) override;
    Result<std::string> Get(const std::string& key) override;
    Status Read(const std::string& key, const std::function<void(std::string_view)>& consume) override;
    Result<std::vector<lake::ObjectInfo>> List(const std::string& prefix) override;
    Result<bool> Exists(const std::string& key) override;
    Status Delete(const std::string& key) override;
    std::string Describe() const override { return root_.string(); }
    std::optional<std::string> LocalPath(const std::string& key) const override { return (root_ / key).string(); }

private:
    std::filesystem::path root_;
};

}  // namespace hf::testing

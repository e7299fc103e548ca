#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "lake/object_store.h"

namespace hf::lake {

// The lake as a local folder. An object is a file under the root; its key is its relative path.
// Writers write to a hidden temporary file in the destination folder
// (".<name>.tmp-<pid>-<random>"), then fsync and rename it on Commit, so readers see whole
// objects only; listings skip temporary files. Keys are checked: relative, '/'-separated,
// no "." or ".." segment, no hidden (temporary-looking) file name. Thread-safe.
class LocalObjectStore : public ObjectStore {
public:
    // Opens (and creates when missing) the lake at `root`, with a ".keep" object in each zone.
    explicit LocalObjectStore(std::filesystem::path root);

    std::unique_ptr<ObjectWriter> OpenWriter(const std::string& key) override;
    Status Put(const std::string& key, std::string_view data) override;
    Result<std::string> Get(const std::string& key) override;
    Status Read(const std::string& key, const std::function<void(std::string_view)>& consume) override;
    Result<std::vector<ObjectInfo>> List(const std::string& prefix) override;
    Result<bool> Exists(const std::string& key) override;
    Status Delete(const std::string& key) override;
    std::string Describe() const override;
    std::optional<std::string> LocalPath(const std::string& key) const override;

    // Removes the temporary files under `prefix` left by writers whose process no longer runs
    // (a killed extraction). Returns how many were removed.
    size_t RemoveAbandonedTemporaries(const std::string& prefix);

    const std::filesystem::path& Root() const { return root_; }

private:
    std::filesystem::path PathOf(const std::string& key) const;
    std::filesystem::path root_;
};

// Throws INVALID_INPUT when `key` is not a valid lake key (see LocalObjectStore).
void ValidateKey(const std::string& key);
// True for the file names LocalObjectStore uses for objects being written.
bool IsTemporaryName(std::string_view file_name);

}  // namespace hf::lake

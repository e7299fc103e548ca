#pragma once

#include <string>
#include <vector>

#include "lake/object_store.h"

namespace hf::extract {

// The data files a batch has published so far. Unless Keep() is called (once the manifest is
// published), the destructor deletes them, so a failed batch leaves nothing visible.
// Move-less scope guard; not thread-safe.
class PublishedFiles {
public:
    explicit PublishedFiles(lake::ObjectStore& lake) : lake_(lake) {}
    PublishedFiles(const PublishedFiles&) = delete;
    PublishedFiles& operator=(const PublishedFiles&) = delete;
    ~PublishedFiles();

    // Records a key about to be committed.
    void Add(std::string key) { keys_.push_back(std::move(key)); }
    // The batch is complete: keep every file.
    void Keep() { keys_.clear(); }

private:
    lake::ObjectStore& lake_;
    std::vector<std::string> keys_;
};

}  // namespace hf::extract

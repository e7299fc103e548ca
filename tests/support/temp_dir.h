#pragma once

#include <filesystem>

namespace hf::testing {

// A fresh folder under /tmp, removed with everything in it when the object dies. Move-only.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& Path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace hf::testing

#include "extract/published_files.h"

#include <spdlog/spdlog.h>

namespace hf::extract {

PublishedFiles::~PublishedFiles() {
    for (const auto& key : keys_) {
        Status deleted = lake_.Delete(key);
        if (!deleted.Ok()) {
            spdlog::warn("could not remove '{}' of an unfinished batch: {}", key, deleted.Err().OneLine());
        }
    }
}

}  // namespace hf::extract

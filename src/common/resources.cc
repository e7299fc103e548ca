#include "common/resources.h"

#include "common/error.h"

namespace hf::resources {

Bundle::Bundle(std::initializer_list<std::pair<std::string_view, std::string_view>> files) {
    for (const auto& [path, content] : files) {
        files_.emplace(std::string(path), content);
    }
}

std::string_view Bundle::Get(std::string_view path) const {
    auto it = files_.find(path);
    if (it == files_.end()) {
        throw Error(ErrorKind::INTERNAL, "embedded resource '" + std::string(path) + "' is missing",
                    "rebuild healthflow; the file must be listed in its module's CMakeLists.txt");
    }
    return it->second;
}

bool Bundle::Contains(std::string_view path) const { return files_.find(path) != files_.end(); }

std::vector<std::string> Bundle::List(std::string_view prefix) const {
    std::vector<std::string> out;
    for (const auto& [path, content] : files_) {
        if (path.compare(0, prefix.size(), prefix) == 0) {
            out.push_back(path);
        }
    }
    return out;
}

}  // namespace hf::resources

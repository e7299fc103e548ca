#include "transform/project/project_location.h"

#include <algorithm>
#include <string>

#include "common/error.h"

#ifndef HF_SOURCE_PROJECT_DIR
#define HF_SOURCE_PROJECT_DIR ""
#endif

namespace hf::transform {

namespace fs = std::filesystem;

std::vector<fs::path> DefaultProjectCandidates() {
    std::vector<fs::path> out;
    std::error_code ec;
    out.push_back(fs::absolute(kDefaultProjectDir, ec));
    fs::path binary = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !binary.empty()) {
        out.push_back((binary.parent_path().parent_path() / "share" / "healthflow" / kDefaultProjectDir)
                          .lexically_normal());
    }
    const fs::path source_tree = HF_SOURCE_PROJECT_DIR;
    if (!source_tree.empty() && std::find(out.begin(), out.end(), source_tree) == out.end()) {
        out.push_back(source_tree);
    }
    return out;
}

fs::path ResolveProjectDir(const std::optional<fs::path>& explicit_dir) {
    if (explicit_dir) {
        return *explicit_dir;
    }
    const auto candidates = DefaultProjectCandidates();
    std::string tried;
    for (const auto& dir : candidates) {
        std::error_code ec;
        if (fs::is_regular_file(dir / "dbt_project.yml", ec)) {
            return dir;
        }
        tried += (tried.empty() ? "" : ", ") + dir.string();
    }
    throw Error(ErrorKind::NOT_FOUND, "no dbt_project.yml found in the default project folders (tried " + tried + ")",
                "run from the folder that holds warehouse/, pass --project-dir, or set pipeline.project_dir "
                "(HEALTHFLOW_PIPELINE_PROJECT_DIR) to the folder holding dbt_project.yml");
}

}  // namespace hf::transform

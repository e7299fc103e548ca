#pragma once

#include <filesystem>
#include <optional>
#include <vector>

namespace hf::transform {

// The folder name of HealthFlow's own SQL project, the default of --project-dir and of
// pipeline.project_dir.
inline constexpr const char* kDefaultProjectDir = "warehouse";

// Where the default project is looked for, in order: ./warehouse (the current directory), the
// project installed with the binary (<binary's folder>/../share/healthflow/warehouse), and the
// source tree the binary was built from. Absolute paths; thread-safe.
std::vector<std::filesystem::path> DefaultProjectCandidates();

// The folder of the transform project to load. An explicit folder (--project-dir, or
// pipeline.project_dir set in a file, the environment or on the command line) is returned as
// given; without one, the first of DefaultProjectCandidates() holding a dbt_project.yml.
// Throws hf::Error (NOT_FOUND) listing every place tried when none does. Thread-safe.
std::filesystem::path ResolveProjectDir(const std::optional<std::filesystem::path>& explicit_dir);

}  // namespace hf::transform

#pragma once

#include <filesystem>

#include "transform/project/project.h"

namespace hf::transform {

// Loads the dbt project in `dir`: dbt_project.yml, macros (and generic tests), models, seeds,
// snapshots (legacy blocks and YAML), singular tests, docs blocks, and every schema/sources YAML
// file with the tests it declares. Each node gets the config of dbt_project.yml merged with its
// YAML config; in-file config() is added later by ParseProject. Every template is parsed here, so
// syntax outside the supported subset fails now, naming file and line.
// Throws hf::Error (NOT_FOUND, INVALID_INPUT). Thread-safe (no shared state).
Project LoadProject(const std::filesystem::path& dir);

// Reads one YAML file (models:, sources:, seeds:, snapshots:) into `project`; `rel_path` is the
// file relative to the project root, for messages and node paths. Used by LoadProject.
void ApplySchemaFile(Project& project, const std::filesystem::path& file, const std::string& rel_path);

}  // namespace hf::transform

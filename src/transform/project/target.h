#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "common/config.h"
#include "transform/jinja/value.h"
#include "transform/project/project.h"

namespace hf::transform {

// The warehouse a run compiles for and writes to (dbt's `target`).
struct Target {
    std::string profile_name;
    std::string name;      // dev, prod ...
    std::string type;      // duckdb or postgres
    std::string schema;    // default schema of relations
    std::string database;  // DuckDB: the file's stem; PostgreSQL: dbname
    int threads = 1;
    std::string path;      // DuckDB file ("" for PostgreSQL)
    jinja::Value fields{jinja::ValueDict{}};  // every output field except passwords, for `target.<x>`
    std::optional<std::string> password;      // postgres outputs: `password` (or `pass`); never rendered
    bool from_config = false;                 // no profiles.yml: the HealthFlow configuration's warehouse
};

// Where the target comes from.
struct TargetOptions {
    std::optional<std::filesystem::path> profiles_dir;  // --profiles-dir
    std::string target_name;                            // --target ("" = the profile's default)
};

// Resolves the target: profiles.yml from --profiles-dir, else ./profiles.yml, else the project
// folder, else ~/.dbt/; profile = dbt_project.yml's `profile`. When no profiles.yml is found, the
// HealthFlow configuration supplies the connection (warehouse.engine, warehouse.path/url).
// String values may use {{ env_var('X') }}. Throws INVALID_INPUT / NOT_FOUND naming the file.
Target ResolveTarget(const Project& project, const TargetOptions& options, const Config& config);

}  // namespace hf::transform

#pragma once

#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/cli_context.h"
#include "transform/session.h"

namespace hf::cli {

// Options shared by the transform subcommands.
struct TransformOptions {
    std::string project_dir;  // empty: the default project
    std::string profiles_dir;
    std::string target;
    std::string vars;
    std::vector<std::string> select;
    std::vector<std::string> exclude;
    std::string resource_type;
    std::string output = "selector";
    // run, test, seed, snapshot, build
    bool full_refresh = false;
    int threads = 0;
    bool store_failures = false;
};

// Adds --project-dir, --profiles-dir, --target, --vars, --select and --exclude to `cmd`.
inline void AddCommonOptions(CLI::App* cmd, TransformOptions& o) {
    cmd->add_option("--project-dir", o.project_dir,
                    "Folder holding dbt_project.yml (default: ./warehouse, else the project installed with "
                    "healthflow, else the one of the source tree it was built from)");
    cmd->add_option("--profiles-dir", o.profiles_dir,
                    "Folder holding profiles.yml (default: ./profiles.yml, the project folder, then ~/.dbt/; "
                    "without one, the HealthFlow configuration's warehouse is used)");
    cmd->add_option("-t,--target", o.target, "Output of the profile to use (default: the profile's `target`)");
    cmd->add_option("--vars", o.vars, "Variables as a YAML mapping, above the project's vars: '{seuil: 0.9}'");
    cmd->add_option("-s,--select", o.select,
                    "Nodes to include: name, +name, name+, N+name, name+N, @name, tag:x, path:models/staging, "
                    "source:s.t, resource_type:model, config.materialized:view; space = union, comma = intersection");
    cmd->add_option("--exclude", o.exclude, "Nodes to leave out (same syntax as --select)");
}

// Loads the project, its target and graph as the options say.
inline std::unique_ptr<transform::Session> OpenSession(CliContext& ctx, const TransformOptions& o) {
    transform::SessionOptions s;
    if (!o.project_dir.empty()) {
        s.project_dir = o.project_dir;
    }
    if (!o.profiles_dir.empty()) {
        s.profiles_dir = o.profiles_dir;
    }
    s.target_name = o.target;
    s.vars_yaml = o.vars;
    return transform::Session::Open(s, ctx.GetConfig());
}

// Adds `transform run|test|seed|snapshot|build` (transform_run_commands.cc).
void RegisterTransformRunCommands(CLI::App* transform, CliContext& ctx);

} // namespace hf::cli

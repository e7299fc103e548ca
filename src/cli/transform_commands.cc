#include <chrono>
#include <cstdio>
#include <memory>

#include <spdlog/spdlog.h>

#include "cli/cli_context.h"
#include "transform/graph/selector.h"
#include "transform/jinja/value.h"
#include "transform/session.h"

namespace hf::cli {

namespace {

// Options shared by the transform subcommands.
struct TransformOptions {
    std::string project_dir = "warehouse";
    std::string profiles_dir;
    std::string target;
    std::string vars;
    std::vector<std::string> select;
    std::vector<std::string> exclude;
    std::string resource_type;
    std::string output = "selector";
};

void AddCommonOptions(CLI::App* cmd, TransformOptions& o) {
    cmd->add_option("--project-dir", o.project_dir, "Folder holding dbt_project.yml")->capture_default_str();
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

std::unique_ptr<transform::Session> Open(CliContext& ctx, const TransformOptions& o) {
    transform::SessionOptions s;
    s.project_dir = o.project_dir;
    if (!o.profiles_dir.empty()) {
        s.profiles_dir = o.profiles_dir;
    }
    s.target_name = o.target;
    s.vars_yaml = o.vars;
    return transform::Session::Open(s, ctx.GetConfig());
}

std::string Describe(const transform::Project& project, const std::string& id, const std::string& format) {
    if (auto it = project.nodes.find(id); it != project.nodes.end()) {
        const auto& node = it->second;
        if (format == "name") return node.name;
        if (format == "path") return node.original_file_path;
        std::string fqn;
        for (const auto& part : node.fqn) {
            fqn += (fqn.empty() ? "" : ".") + part;
        }
        return fqn;
    }
    const auto& source = project.sources.at(id);
    if (format == "name") return source.source_name + "." + source.name;
    if (format == "path") return source.original_file_path;
    return "source:" + project.name + "." + source.source_name + "." + source.name;
}

}  // namespace

void RegisterTransformCommands(CLI::App& app, CliContext& ctx) {
    auto* transform = app.add_subcommand("transform", "Compile and list the dbt-style SQL project (models, tests, snapshots)");
    transform->require_subcommand(1);
    auto options = std::make_shared<TransformOptions>();

    auto* compile = transform->add_subcommand(
        "compile", "Render every selected node to SQL under <project>/target/compiled/ (no database needed)");
    AddCommonOptions(compile, *options);
    compile->callback([&ctx, options] {
        auto started = std::chrono::steady_clock::now();
        auto session = Open(ctx, *options);
        auto ids = transform::SelectNodes(session->GetProject(), session->GetGraph(), options->select, options->exclude);
        auto written = session->WriteCompiled(ids);
        for (const auto& path : written) {
            std::printf("%s\n", path.string().c_str());
        }
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
        spdlog::info("compiled {} node(s) of project '{}' for target '{}' ({}) in {} ms", written.size(),
                     session->GetProject().name, session->GetTarget().name, session->GetTarget().type, ms.count());
    });

    auto* ls = transform->add_subcommand("ls", "List the selected nodes and sources in dependency order");
    AddCommonOptions(ls, *options);
    ls->add_option("--resource-type", options->resource_type, "Only this type: model, seed, snapshot, test, source");
    ls->add_option("--output", options->output, "What to print per node: selector (fqn), name or path")
        ->check(CLI::IsMember({"selector", "name", "path"}))
        ->capture_default_str();
    ls->callback([&ctx, options] {
        auto session = Open(ctx, *options);
        const auto& project = session->GetProject();
        auto ids = transform::SelectNodes(project, session->GetGraph(), options->select, options->exclude);
        for (const auto& id : session->GetGraph().TopologicalOrder(ids)) {
            if (!options->resource_type.empty()) {
                auto it = project.nodes.find(id);
                std::string_view type = it != project.nodes.end() ? transform::ResourceTypeName(it->second.type) : "source";
                if (type != options->resource_type) {
                    continue;
                }
            }
            std::printf("%s\n", Describe(project, id, options->output).c_str());
        }
    });
}

}  // namespace hf::cli

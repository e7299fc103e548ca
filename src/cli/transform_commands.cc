#include <chrono>
#include <cstdio>
#include <memory>

#include <spdlog/spdlog.h>

#include "cli/cli_context.h"
#include "cli/transform_options.h"
#include "transform/graph/selector.h"
#include "transform/jinja/value.h"
#include "transform/session.h"

namespace hf::cli {

namespace {

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
    auto* transform = app.add_subcommand(
        "transform", "Build, test, compile and list the dbt-style SQL project (models, seeds, snapshots, tests)");
    transform->require_subcommand(1);
    auto options = std::make_shared<TransformOptions>();
    RegisterTransformRunCommands(transform, ctx);

    auto* compile = transform->add_subcommand(
        "compile", "Render every selected node to SQL under <project>/target/compiled/ (no database needed)");
    AddCommonOptions(compile, *options);
    compile->callback([&ctx, options] {
        auto started = std::chrono::steady_clock::now();
        auto session = OpenSession(ctx, *options);
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
        auto session = OpenSession(ctx, *options);
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

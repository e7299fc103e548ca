#include <cstdio>
#include <memory>
#include <string>

#include "cli/transform_options.h"
#include "common/strings.h"
#include "transform/run/runner.h"

namespace hf::cli {

namespace {

using transform::Node;
using transform::NodeResult;
using transform::NodeStatus;
using transform::ResourceType;

// "sql table model core.dim_services", "test not_null_x", "seed file ref_data.motifs".
std::string NodeLabel(const Node& node) {
    std::string relation = node.schema + "." + node.alias;
    switch (node.type) {
    case ResourceType::MODEL:
        return "sql " + node.Materialized() + " model " + relation;
    case ResourceType::SEED:
        return "seed file " + relation;
    case ResourceType::SNAPSHOT:
        return "snapshot " + relation;
    case ResourceType::TEST:
        return "test " + node.name;
    case ResourceType::SOURCE:
        break;
    }
    return node.unique_id;
}

// `text` padded with dots to a fixed width, then `status`.
std::string Dotted(const std::string& text, const std::string& status) {
    constexpr size_t kWidth = 80;
    std::string out = text + " ";
    while (out.size() < kWidth) {
        out += '.';
    }
    return out + " [" + status + "]";
}

std::string FinishedLine(const Node& node, const NodeResult& r) {
    char took[32];
    std::snprintf(took, sizeof took, " in %.2fs", r.execution_time);
    std::string label = NodeLabel(node);
    bool test = node.type == ResourceType::TEST;
    switch (r.status) {
    case NodeStatus::SUCCESS: {
        std::string verb = node.type == ResourceType::SEED ? "OK loaded " : "OK created ";
        return Dotted(verb + label, r.message + took);
    }
    case NodeStatus::PASS:
        return Dotted("PASS " + node.name, std::string("PASS") + took);
    case NodeStatus::WARN:
        return Dotted("WARN " + std::to_string(r.failures) + " " + node.name,
                      "WARN " + std::to_string(r.failures) + took);
    case NodeStatus::FAIL:
        return Dotted("FAIL " + std::to_string(r.failures) + " " + node.name,
                      "FAIL " + std::to_string(r.failures) + took);
    case NodeStatus::ERROR:
        return Dotted(std::string("ERROR ") + (test ? "" : "creating ") + label, std::string("ERROR") + took);
    case NodeStatus::SKIPPED:
        return Dotted(test ? "SKIP " + label : "SKIP relation " + node.schema + "." + node.alias, "SKIP");
    }
    return label;
}

void AddRunCommand(CLI::App* transform, CliContext& ctx, const std::string& name, transform::RunCommand command,
                   const std::string& description) {
    auto options = std::make_shared<TransformOptions>();
    auto* cmd = transform->add_subcommand(name, description);
    AddCommonOptions(cmd, *options);
    if (command != transform::RunCommand::TEST && command != transform::RunCommand::SNAPSHOT) {
        cmd->add_flag("--full-refresh", options->full_refresh,
                      "Rebuild incremental models from scratch instead of adding to them");
    }
    cmd->add_option("--threads", options->threads,
                    "Nodes run at once, each on its own connection (default: the target's `threads`)")
        ->check(CLI::Range(1, 64));
    if (command == transform::RunCommand::TEST || command == transform::RunCommand::BUILD) {
        cmd->add_flag("--store-failures", options->store_failures,
                      "Keep each failing test's rows in the table <schema>_dbt_test__audit.<test name>");
    }
    cmd->callback([&ctx, options, command] {
        auto session = OpenSession(ctx, *options);
        const auto& project = session->GetProject();
        transform::RunOptions run;
        run.command = command;
        run.select = options->select;
        run.exclude = options->exclude;
        run.full_refresh = options->full_refresh;
        run.threads = options->threads;
        run.store_failures = options->store_failures;
        const Config& config = ctx.GetConfig();
        const transform::Target& target = session->GetTarget();
        std::printf("Running with project '%s' on target '%s' (%s)\n", project.name.c_str(), target.name.c_str(),
                    target.type.c_str());
        std::fflush(stdout);
        auto progress = [&project](const NodeResult& r, bool finished, int index, int total) {
            const Node& node = project.nodes.at(r.unique_id);
            std::string prefix = std::to_string(index) + " of " + std::to_string(total) + " ";
            std::string line = finished ? FinishedLine(node, r) : Dotted("START " + NodeLabel(node), "RUN");
            std::printf("%s%s\n", prefix.c_str(), line.c_str());
            std::fflush(stdout);
        };
        auto summary = transform::RunTransform(
            *session, [&] { return transform::OpenTargetWarehouse(target, config); }, run, progress);
        if (summary.total == 0) {
            std::printf("Nothing to do: the selection holds no node that `%s` runs.\n",
                        std::string(transform::RunCommandName(command)).c_str());
        }
        double engine = 0;
        for (const auto& r : summary.results) {
            engine += r.query_time;
        }
        std::printf("\nFinished running %d node(s) in %.2fs with %d thread(s); %.2fs inside the engine.\n",
                    summary.total, summary.elapsed, summary.threads, engine);
        bool header = false;
        for (const auto& r : summary.results) {
            if (r.status == NodeStatus::ERROR || r.status == NodeStatus::FAIL || r.status == NodeStatus::WARN) {
                if (!header) {
                    std::printf("\n");
                    header = true;
                }
                const char* what = r.status == NodeStatus::WARN   ? "Warning"
                                   : r.status == NodeStatus::FAIL ? "Failure"
                                                                  : "Error";
                std::printf("%s in %s: %s\n", what, r.unique_id.c_str(), r.message.c_str());
            }
        }
        std::printf("\n%s\n", summary.DoneLine().c_str());
        std::fflush(stdout);
        if (!summary.Succeeded()) {
            throw CLI::RuntimeError(1);
        }
    });
}

} // namespace

void RegisterTransformRunCommands(CLI::App* transform, CliContext& ctx) {
    using transform::RunCommand;
    AddRunCommand(transform, ctx, "run", RunCommand::RUN,
                  "Build the selected models (views, tables, incremental models) in dependency order");
    AddRunCommand(transform, ctx, "test", RunCommand::TEST, "Run the selected data tests and count failing rows");
    AddRunCommand(transform, ctx, "seed", RunCommand::SEED, "Load the selected CSV seeds into tables");
    AddRunCommand(transform, ctx, "snapshot", RunCommand::SNAPSHOT,
                  "Record changes of the selected snapshots (SCD Type 2 history)");
    AddRunCommand(transform, ctx, "build", RunCommand::BUILD,
                  "Seeds, models, snapshots and tests in dependency order; a failing test skips what depends on "
                  "its model");
}

} // namespace hf::cli

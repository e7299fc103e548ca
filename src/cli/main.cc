#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "cli/cli_context.h"
#include "cli/version.h"
#include "common/error.h"
#include "common/logging.h"

namespace {

// Exit codes: 0 success, 1 the operation failed, 2 the command line or configuration is wrong.
int ExitCodeFor(const hf::Error& e) { return e.Kind() == hf::ErrorKind::INVALID_INPUT ? 2 : 1; }

}  // namespace

int main(int argc, char** argv) {
    hf::cli::CliContext ctx;
    CLI::App app{"HealthFlow: decision support for running a hospital (beds, costs, pharmacy, stays, patient history)",
                 "healthflow"};
    app.set_version_flag("--version", hf::cli::VersionString());
    app.require_subcommand(1);
    auto& g = ctx.Globals();
    app.add_option("--config", g.config_path, "YAML configuration file (default: ./healthflow.yml if present)")
        ->check(CLI::ExistingFile);
    app.add_option("--data-dir", g.data_dir, "Data folder (default ./.healthflow; env HEALTHFLOW_DATA_DIR)");
    app.add_flag("-v,--verbose", g.verbose, "Print debug details");
    app.add_flag("-q,--quiet", g.quiet, "Print warnings and errors only");
    app.parse_complete_callback([&] {
        hf::InitLogging(g.quiet ? hf::Verbosity::QUIET : g.verbose ? hf::Verbosity::VERBOSE : hf::Verbosity::NORMAL);
    });

    hf::cli::RegisterConfigCommands(app, ctx);
    hf::cli::RegisterDbCommands(app, ctx);
    hf::cli::RegisterGenerateCommands(app, ctx);
    hf::cli::RegisterSimulateCommands(app, ctx);
    hf::cli::RegisterExtractCommands(app, ctx);
    hf::cli::RegisterLakeCommands(app, ctx);
    hf::cli::RegisterWarehouseCommands(app, ctx);
    hf::cli::RegisterLoadCommands(app, ctx);
    hf::cli::RegisterTransformCommands(app, ctx);
    hf::cli::RegisterAskCommands(app, ctx);
    hf::cli::RegisterServeCommands(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        // Help and version exit 0, commands may ask for their own code (e.g. `db status`),
        // every other command-line mistake exits 2.
        int code = app.exit(e);
        bool own_code = dynamic_cast<const CLI::RuntimeError*>(&e) != nullptr;
        return code == 0 || own_code ? code : 2;
    } catch (const hf::Error& e) {
        // One line: what failed, on what, and what to do about it.
        std::fprintf(stderr, "error: %s\n", e.OneLine().c_str());
        return ExitCodeFor(e);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}

#pragma once

#include <CLI/CLI.hpp>

#include <map>
#include <optional>
#include <string>

#include "common/config.h"

namespace hf::cli {

// Options every command accepts, filled by CLI11 before a subcommand's callback runs.
struct GlobalOptions {
    std::string config_path;  // --config
    std::string data_dir;     // --data-dir
    bool verbose = false;
    bool quiet = false;
};

// What a subcommand's callback needs: the parsed global options and the configuration they
// select. One per process; used from the main thread only.
class CliContext {
public:
    GlobalOptions& Globals() { return globals_; }
    // Loads the configuration on first use (defaults < file < environment < --data-dir).
    const Config& GetConfig();
    // Sets a setting as if given on the command line (for subcommand options such as --scale).
    void Override(const std::string& key, const std::string& value);

private:
    GlobalOptions globals_;
    std::map<std::string, std::string> overrides_;
    std::optional<Config> config_;
};

// Each module's commands register themselves on the root app.
void RegisterDbCommands(CLI::App& app, CliContext& ctx);
void RegisterConfigCommands(CLI::App& app, CliContext& ctx);
void RegisterGenerateCommands(CLI::App& app, CliContext& ctx);
void RegisterSimulateCommands(CLI::App& app, CliContext& ctx);
void RegisterExtractCommands(CLI::App& app, CliContext& ctx);
void RegisterLakeCommands(CLI::App& app, CliContext& ctx);
void RegisterWarehouseCommands(CLI::App& app, CliContext& ctx);
void RegisterLoadCommands(CLI::App& app, CliContext& ctx);
void RegisterTransformCommands(CLI::App& app, CliContext& ctx);
// `healthflow ask q1..q5`: the five decision questions answered from the marts.
void RegisterAskCommands(CLI::App& app, CliContext& ctx);
void RegisterServeCommands(CLI::App& app, CliContext& ctx);

}  // namespace hf::cli

#include <cstdio>

#include "cli/cli_context.h"

namespace hf::cli {

namespace {

const char* OriginName(SettingOrigin origin) {
    switch (origin) {
    case SettingOrigin::DEFAULT: return "default";
    case SettingOrigin::FILE: return "file";
    case SettingOrigin::ENVIRONMENT: return "environment";
    case SettingOrigin::COMMAND_LINE: return "command line";
    }
    return "";
}

}  // namespace

void RegisterConfigCommands(CLI::App& app, CliContext& ctx) {
    auto* config = app.add_subcommand("config", "Show the effective configuration and where each value comes from");
    config->callback([&ctx] {
        const Config& cfg = ctx.GetConfig();
        for (const auto& spec : KnownSettings()) {
            std::string value = spec.secret ? (cfg.Get(spec.key).empty() ? "" : "***") : cfg.Get(spec.key);
            std::printf("%-28s %-40s (%s)\n", spec.key.c_str(), value.c_str(), OriginName(cfg.Origin(spec.key)));
        }
    });
}

}  // namespace hf::cli

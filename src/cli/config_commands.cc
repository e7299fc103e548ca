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

void PrintMarkdown() {
    std::printf("| setting | environment variable | default | meaning |\n|---|---|---|---|\n");
    for (const auto& spec : KnownSettings()) {
        std::string meaning = spec.description;
        if (spec.secret) {
            meaning += " Secret: only from the environment variable, or from the file named by `" + spec.key +
                       "_file` (mode 0600).";
        }
        std::printf("| `%s` | `%s` | %s | %s |\n", spec.key.c_str(), Config::EnvName(spec.key).c_str(),
                    spec.default_value.empty() ? "" : ("`" + spec.default_value + "`").c_str(), meaning.c_str());
    }
}

}  // namespace

void RegisterConfigCommands(CLI::App& app, CliContext& ctx) {
    auto* config = app.add_subcommand("config", "Show the effective configuration and where each value comes from");
    static bool markdown = false;
    config->add_flag("--markdown", markdown, "Print the table of every setting as Markdown (docs/configuration.md)");
    config->callback([&ctx] {
        if (markdown) {
            PrintMarkdown();
            return;
        }
        const Config& cfg = ctx.GetConfig();
        for (const auto& spec : KnownSettings()) {
            std::string value = spec.secret ? (cfg.Get(spec.key).empty() ? "" : "***") : cfg.Get(spec.key);
            std::printf("%-28s %-40s (%s)\n", spec.key.c_str(), value.c_str(), OriginName(cfg.Origin(spec.key)));
        }
    });
}

}  // namespace hf::cli

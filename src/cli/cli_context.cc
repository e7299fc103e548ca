#include "cli/cli_context.h"

namespace hf::cli {

const Config& CliContext::GetConfig() {
    if (!config_) {
        std::map<std::string, std::string> command_line = overrides_;
        if (!globals_.data_dir.empty()) {
            command_line["data_dir"] = globals_.data_dir;
        }
        std::optional<std::filesystem::path> file;
        if (!globals_.config_path.empty()) {
            file = globals_.config_path;
        }
        config_ = Config::Load(file, command_line).Value();
    }
    return *config_;
}

void CliContext::Override(const std::string& key, const std::string& value) {
    overrides_[key] = value;
    config_.reset();
}

}  // namespace hf::cli

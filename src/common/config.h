#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace hf {

// One setting HealthFlow understands: its dotted key, default and meaning. The same table
// drives validation, `healthflow config` and docs/configuration.md.
struct SettingSpec {
    std::string key;            // "source.url"
    std::string default_value;  // "" when unset
    std::string description;
    bool secret = false;        // may come only from the environment or a 0600 file
};

// Every known setting, in documentation order.
const std::vector<SettingSpec>& KnownSettings();

// Where a setting's effective value came from.
enum class SettingOrigin { DEFAULT, FILE, ENVIRONMENT, COMMAND_LINE };

// Effective configuration: defaults < YAML file < HEALTHFLOW_* environment < command line.
// Immutable once built; thread-safe to read.
class Config {
public:
    // Loads `file` (may be empty: then ./healthflow.yml if it exists) and the environment.
    // Unknown keys, secrets written in the file and unreadable YAML are errors.
    static Result<Config> Load(const std::optional<std::filesystem::path>& file,
                               const std::map<std::string, std::string>& command_line = {});
    // Defaults and environment only (for tests and tools).
    static Config Defaults();

    // Value of a known key ("" when unset). Throws INTERNAL for an unknown key (a bug).
    const std::string& Get(const std::string& key) const;
    long long GetInt(const std::string& key) const;
    double GetDouble(const std::string& key) const;
    bool GetBool(const std::string& key) const;
    SettingOrigin Origin(const std::string& key) const;

    // Returns a copy with `key` set, as if given on the command line.
    Config With(const std::string& key, const std::string& value) const;

    // The data folder (absolute).
    std::filesystem::path DataDir() const;

    // Environment variable that overrides `key`: source.url -> HEALTHFLOW_SOURCE_URL.
    static std::string EnvName(const std::string& key);

private:
    struct Entry {
        std::string value;
        SettingOrigin origin = SettingOrigin::DEFAULT;
    };
    std::map<std::string, Entry> entries_;
};

// Reads a secret named by `key` (e.g. "source.password"): from its environment variable,
// else from the file named by `<key>_file`, which must have 0600 permissions. nullopt if neither.
Result<std::optional<std::string>> ReadSecret(const Config& config, const std::string& key);

}  // namespace hf

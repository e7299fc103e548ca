#include "serve/run_history.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace hf::serve {

bool IsValidRunId(const std::string& run_id) {
    if (run_id.empty() || run_id.size() > 100 || run_id == "." || run_id == "..") {
        return false;
    }
    return std::all_of(run_id.begin(), run_id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
               c == '.' || c == ':' || c == '+';
    });
}

std::optional<nlohmann::json> RunHistory::Read(const std::filesystem::path& file) const {
    std::ifstream in(file);
    if (!in) {
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    try {
        auto run = nlohmann::json::parse(text.str());
        if (!run.is_object() || !run.contains("run_id")) {
            spdlog::warn("run history: {} has no run_id; skipped", file.string());
            return std::nullopt;
        }
        return run;
    } catch (const nlohmann::json::exception& e) {
        spdlog::warn("run history: {} is not valid JSON ({}); skipped", file.string(), e.what());
        return std::nullopt;
    }
}

std::vector<nlohmann::json> RunHistory::List() const {
    std::vector<nlohmann::json> runs;
    std::error_code ec;
    if (!std::filesystem::is_directory(runs_dir_, ec)) {
        return runs;
    }
    for (const auto& entry : std::filesystem::directory_iterator(runs_dir_, ec)) {
        if (entry.is_directory(ec)) {
            if (auto run = Read(entry.path() / "run.json")) {
                runs.push_back(std::move(*run));
            }
        }
    }
    auto text = [](const nlohmann::json& run, const char* key) {
        auto it = run.find(key);
        return it != run.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    std::sort(runs.begin(), runs.end(), [&](const nlohmann::json& a, const nlohmann::json& b) {
        auto ka = text(a, "started_at"), kb = text(b, "started_at");
        return ka != kb ? ka > kb : text(a, "run_id") > text(b, "run_id");
    });
    return runs;
}

std::optional<nlohmann::json> RunHistory::Find(const std::string& run_id) const {
    if (!IsValidRunId(run_id)) {
        return std::nullopt;
    }
    return Read(runs_dir_ / run_id / "run.json");
}

} // namespace hf::serve

#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace hf::serve {

// The pipeline's run history as the runner writes it: one <data_dir>/runs/<run_id>/run.json per
// run (run_id, logical_date, trigger, state, started_at, ended_at, tasks[], metrics{}). Files are
// re-read on every call (they change while a run goes on); unreadable ones are skipped with a
// warning in the log. Thread-safe (no state).
class RunHistory {
public:
    explicit RunHistory(std::filesystem::path data_dir) : runs_dir_(std::move(data_dir) / "runs") {}

    // Every readable run, newest first (by started_at, then run_id).
    std::vector<nlohmann::json> List() const;
    // One run by id, or nullopt when there is none. `run_id` must be a plain folder name.
    std::optional<nlohmann::json> Find(const std::string& run_id) const;

private:
    std::optional<nlohmann::json> Read(const std::filesystem::path& file) const;
    std::filesystem::path runs_dir_;
};

// True for a run id that is a plain folder name: 1 to 100 letters, digits, '_', '-', '.', ':', '+',
// and not "." or "..".
bool IsValidRunId(const std::string& run_id);

} // namespace hf::serve

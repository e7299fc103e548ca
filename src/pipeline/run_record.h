#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "pipeline/clock.h"
#include "pipeline/task.h"

namespace hf::pipeline {

// What started a run.
enum class Trigger { MANUAL, SCHEDULE, BACKFILL };
// "manual", "schedule", "backfill".
std::string_view TriggerName(Trigger trigger);
Trigger ParseTrigger(std::string_view name);

// State of a whole run.
enum class RunState { RUNNING, SUCCESS, FAILED };
std::string_view RunStateName(RunState state);
RunState ParseRunState(std::string_view name);

// One task of a recorded run (the "tasks" array of run.json).
struct TaskRecord {
    std::string task_id;
    TaskState state = TaskState::QUEUED;
    int attempts = 0;
    std::optional<Instant> started_at;
    std::optional<Instant> ended_at;
    int64_t rows_in = 0;
    int64_t rows_out = 0;
    std::string log;    // path of the task's log, relative to the data folder
    std::string error;  // last error, one line ("" when none)
    std::vector<std::string> depends_on;
};

// The run's measured figures (null in run.json when unknown).
struct RunMetrics {
    std::optional<int64_t> records_processed;
    std::optional<double> latency_seconds;
    std::optional<double> transform_seconds;
    std::optional<int64_t> tests_passed;
    std::optional<int64_t> tests_total;
    std::optional<int64_t> warehouse_bytes;
    std::optional<int64_t> scd2_versions;
};

// One run as stored in <data_dir>/runs/<run_id>/run.json. Plain value.
struct RunRecord {
    std::string run_id;
    std::string logical_date;  // YYYY-MM-DD
    Trigger trigger = Trigger::MANUAL;
    RunState state = RunState::RUNNING;
    std::optional<Instant> started_at;
    std::optional<Instant> ended_at;
    std::vector<TaskRecord> tasks;
    RunMetrics metrics;

    // The record of `task_id`, or nullptr.
    TaskRecord* FindTask(const std::string& task_id);
    const TaskRecord* FindTask(const std::string& task_id) const;

    // The run.json document (two-space indentation).
    std::string ToJson() const;
    // Parses run.json; throws DATA naming `origin` when it is not one.
    static RunRecord FromJson(const std::string& text, const std::string& origin);
};

// The run history under <data_dir>/runs: one folder per run, named by its id (ids sort by start
// time). Writes are atomic (readers see a whole run.json). Thread-safe for distinct runs.
class RunStore {
public:
    explicit RunStore(std::filesystem::path data_dir);

    // A new run id: "20261204T182214123Z_manual" (UTC start time, trigger).
    static std::string NewRunId(Instant now, Trigger trigger);

    const std::filesystem::path& DataDir() const { return data_dir_; }
    std::filesystem::path RunsDir() const { return data_dir_ / "runs"; }
    std::filesystem::path RunDir(const std::string& run_id) const { return RunsDir() / run_id; }
    // The log of one task, relative to the data folder and absolute.
    static std::string TaskLogRelative(const std::string& run_id, const std::string& task_id);
    std::filesystem::path TaskLogPath(const std::string& run_id, const std::string& task_id) const;

    // Writes run.json atomically (creates the run folder).
    void Save(const RunRecord& run) const;
    // Reads one run; throws NOT_FOUND with the known runs in the hint.
    RunRecord Load(const std::string& run_id) const;
    // Every run, oldest first; unreadable run.json files are skipped with a warning.
    std::vector<RunRecord> List() const;

private:
    std::filesystem::path data_dir_;
};

}  // namespace hf::pipeline

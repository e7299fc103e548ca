#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <stop_token>
#include <string>
#include <string_view>
#include <vector>

#include "pipeline/clock.h"

namespace hf::pipeline {

// What a task body did, for the run history and the run's metrics.
struct TaskOutcome {
    int64_t rows_in = 0;
    int64_t rows_out = 0;
    std::map<std::string, double> metrics;  // e.g. tests_passed, tests_total (summed into the run)
};

// What a task body gets: the logical date, a stop token (cooperative cancellation on timeout or
// shutdown) and its log. Log() appends a time-stamped line to the task's log file; thread-safe.
class TaskContext {
public:
    TaskContext(std::string logical_date, int attempt, std::stop_token stop, Clock& clock,
                std::function<void(std::string_view)> log)
        : logical_date_(std::move(logical_date)), attempt_(attempt), stop_(std::move(stop)), clock_(clock),
          log_(std::move(log)) {}

    const std::string& LogicalDate() const { return logical_date_; }
    // 1 for the first try.
    int Attempt() const { return attempt_; }
    std::stop_token StopToken() const { return stop_; }
    bool StopRequested() const { return stop_.stop_requested(); }
    Clock& GetClock() const { return clock_; }
    void Log(std::string_view line) const { log_(line); }

private:
    std::string logical_date_;
    int attempt_;
    std::stop_token stop_;
    Clock& clock_;
    std::function<void(std::string_view)> log_;
};

// One node of a DAG. The body throws hf::Error on failure; only retryable errors
// (Error::Retryable) are retried unless retry_all_failures is set. Plain value.
struct Task {
    std::string id;                              // "extract.patients"
    std::vector<std::string> depends_on;         // ids of tasks that must succeed first
    int retries = 2;                             // tries after the first one
    std::chrono::milliseconds retry_delay{300'000};
    bool exponential_backoff = false;            // delay doubles at each retry
    std::chrono::milliseconds max_retry_delay{3'600'000};
    std::chrono::milliseconds timeout{0};        // 0: none; an attempt over it fails with TIMEOUT
    bool retry_all_failures = false;             // retry any hf::Error, not only retryable kinds
    std::string pool;                            // tasks of the same non-empty pool run one at a time
    std::function<TaskOutcome(const TaskContext&)> body;
};

// State of a task in a run (Airflow's names).
enum class TaskState { QUEUED, RUNNING, SUCCESS, FAILED, UP_FOR_RETRY, SKIPPED };

// "queued", "running", "success", "failed", "up_for_retry", "skipped".
std::string_view TaskStateName(TaskState state);
// Inverse of TaskStateName; throws INVALID_INPUT.
TaskState ParseTaskState(std::string_view name);

}  // namespace hf::pipeline

#pragma once

#include <functional>
#include <stop_token>
#include <vector>

#include "common/error.h"
#include "pipeline/clock.h"
#include "pipeline/run_record.h"
#include "pipeline/task.h"

namespace hf::pipeline {

// How a DAG is executed.
struct ExecutorOptions {
    int max_parallel = 4;                // tasks running at the same time
    Clock* clock = nullptr;              // nullptr: SystemClock(); retry delays wait on it
    // Called after every state change with the whole run, serialised (never two at once).
    std::function<void(const RunRecord&)> on_change;
    // Called once when a task has failed for good (retries exhausted or error not retryable).
    std::function<void(const RunRecord&, const TaskRecord&, const Error&)> on_task_failed;
    // Appends one line to a task's log (the executor adds the time stamp). Thread-safe.
    std::function<void(const std::string& task_id, std::string_view line)> log;
};

// Checks a DAG: unique ids, known dependencies, no cycle. Throws INVALID_INPUT naming the task.
void ValidateDag(const std::vector<Task>& tasks);

// Throws INVALID_INPUT, listing the known tasks, when `tasks` has no task `task_id`.
void RequireTask(const std::vector<Task>& tasks, const std::string& task_id);

// Runs `tasks` of `run` (whose run_id and logical_date are set): a task starts once every task it
// depends on has succeeded, independent tasks in parallel on their own std::jthread (one task
// per pool at a time); failed
// attempts are retried after the task's delay when the error is retryable (or the task retries
// every failure); the dependants of a task that failed for good are skipped; an attempt longer
// than its timeout is asked to stop (stop token) and counts as a TIMEOUT failure once it returns.
// A stop requested on `stop` ends waiting retries and skips tasks not started yet. Fills
// run.tasks (records are created for tasks without one) and returns SUCCESS when every task
// succeeded, else FAILED; run.state itself is left to the caller. Catches every exception of
// the bodies; throws only for an invalid DAG.
RunState ExecuteDag(const std::vector<Task>& tasks, RunRecord& run, const ExecutorOptions& options,
                    std::stop_token stop = {});

}  // namespace hf::pipeline

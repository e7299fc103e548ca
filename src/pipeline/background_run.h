#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "common/config.h"
#include "pipeline/pipeline_run.h"

namespace hf::pipeline {

// What a process hosting the pipeline is asked to run (the dashboards' Pipeline page, a
// `healthflow run` handed to the server, the hosted scheduler): the options of `healthflow run`.
struct RunRequest {
    std::string logical_date; // YYYY-MM-DD; "" = today in the process's time zone
    bool full_refresh = false;
    std::string only_task; // run only this task, once (no retries), as `healthflow run --task`
    Trigger trigger = Trigger::MANUAL;
};

// Starts pipeline runs on a background thread, for a long-lived process (the dashboards' server)
// that hosts the pipeline: the request is checked and the run lock taken by the caller's thread,
// so a bad request fails at once with INVALID_INPUT, a second start while a run is in progress
// fails at once with CONFLICT naming the run, and the run id is known before the run starts.
// Shutdown() (and the destructor) asks the run in progress to stop (no more retry waits, tasks
// not started skipped) and waits for the task running now. Thread-safe.
class BackgroundRuns {
public:
    explicit BackgroundRuns(Config config) : config_(std::move(config)) {}
    ~BackgroundRuns();
    BackgroundRuns(const BackgroundRuns&) = delete;
    BackgroundRuns& operator=(const BackgroundRuns&) = delete;

    // Starts the daily DAG as `request` says; returns the run id. Throws INVALID_INPUT for a bad
    // date or an unknown task, CONFLICT when a run of this process or of another holds the lock.
    std::string Start(const RunRequest& request);
    // Starts the daily DAG for `logical_date` ("" = today) with `trigger` (see above).
    std::string Start(const std::string& logical_date, Trigger trigger = Trigger::MANUAL);

    // Called on the run's thread with each finished run just before its record says it has
    // finished (e.g. to drop a response cache); exceptions are logged. Set it before Start.
    void SetOnFinished(std::function<void(const RunRecord&)> on_finished);
    // Called on the run's thread just before each run starts and just after it has ended, even
    // when it could not run (e.g. to give the run more of the warehouse's threads, then take them
    // back); exceptions are logged. Set them before Start.
    void SetAroundRun(std::function<void()> before, std::function<void()> after);
    // Id of the run in progress in this process, "" when none.
    std::string Current() const;
    // Waits until run `run_id` has ended (lock released); false when `stop` came first.
    bool WaitFor(const std::string& run_id, std::stop_token stop);
    // Asks the run in progress to stop and waits for it; later Starts fail with CONFLICT.
    void Shutdown();

private:
    Config config_;
    std::mutex start_mutex_; // serialises Start and Shutdown
    std::jthread worker_;    // guarded by start_mutex_: the latest run
    bool shut_down_ = false; // guarded by start_mutex_
    mutable std::mutex state_mutex_;
    std::condition_variable_any ended_;
    std::string current_; // guarded by state_mutex_: the run in progress
    bool ending_ = false; // guarded by state_mutex_: the run in progress has finished its work
    std::function<void(const RunRecord&)> on_finished_; // guarded by state_mutex_
    std::function<void()> before_run_;                  // guarded by state_mutex_
    std::function<void()> after_run_;                   // guarded by state_mutex_
};

} // namespace hf::pipeline

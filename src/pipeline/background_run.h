#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/config.h"
#include "pipeline/pipeline_run.h"

namespace hf::pipeline {

// Starts pipeline runs on a background thread, for a long-lived process (the dashboards' server)
// that hosts the pipeline: the run lock is taken by the caller's thread, so a second start while
// a run is in progress fails at once with CONFLICT, and the run id is known before the run
// starts. Destruction asks the run in progress to stop (no more retry waits, tasks not started
// skipped) and waits for the task running now. Thread-safe.
class BackgroundRuns {
public:
    explicit BackgroundRuns(Config config) : config_(std::move(config)) {}
    ~BackgroundRuns();
    BackgroundRuns(const BackgroundRuns&) = delete;
    BackgroundRuns& operator=(const BackgroundRuns&) = delete;

    // Starts the daily DAG for `logical_date` ("" = today) with `trigger`; returns the run id.
    // Throws CONFLICT when a run holds the lock, INVALID_INPUT for a bad date.
    std::string Start(const std::string& logical_date, Trigger trigger = Trigger::MANUAL);

private:
    Config config_;
    std::mutex mutex_;
    std::jthread worker_;  // guarded by mutex_: the latest run
};

}  // namespace hf::pipeline

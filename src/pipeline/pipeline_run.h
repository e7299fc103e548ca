#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <stop_token>
#include <optional>
#include <string>
#include <vector>

#include "common/config.h"
#include "pipeline/clock.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_record.h"
#include "pipeline/task.h"

namespace hf::pipeline {

// What `healthflow run` (and the scheduler, backfill and Airflow's per-task calls) ask for.
struct PipelineRunOptions {
    std::string logical_date;             // YYYY-MM-DD; "" = today in pipeline.timezone
    Trigger trigger = Trigger::MANUAL;
    bool full_refresh = false;
    std::string only_task;                // run only this task of the DAG, without its upstream
    std::chrono::milliseconds lock_wait{0};  // wait this long for a run in progress; 0 fails at once
    Clock* clock = nullptr;               // nullptr: SystemClock()
    std::vector<Task> tasks;              // the DAG; empty = BuildDailyDag(config, full_refresh)
    bool business_alerts = true;          // check the marts' thresholds after a successful run
    // Called after every state change with the run (serialised), e.g. for progress lines.
    std::function<void(const RunRecord&)> on_change;
    // Called once with the finished run just before its record says so (e.g. to drop a cache of
    // answers built on the old marts, so that whoever sees the record finished reads new ones).
    std::function<void(const RunRecord&)> on_finished;
    std::string run_id;                   // "" = a new id (RunStore::NewRunId)
    std::shared_ptr<RunLock> lock;        // the run lock, already taken by the caller (else taken here)
    std::stop_token stop;                 // a stop request ends retry waits and skips tasks not started
};

// Runs the pipeline once: takes the run lock (<data_dir>/runs/run.lock), marks runs left
// "running" by a dead process as failed, records the run in <data_dir>/runs/<run_id>/run.json
// after every state change with one log per task beside it, executes the DAG, sends an alert
// for each task that failed for good and, after a successful run, for the business thresholds
// crossed (services at >= 90 % occupancy, medications at or below threshold), and records the
// run's metrics. Returns the finished run (state success or failed). Throws CONFLICT when
// another run holds the lock, INVALID_INPUT for a bad date, task id or DAG.
RunRecord RunPipeline(const Config& config, const PipelineRunOptions& options);

// Marks every run recorded as running as failed (its running tasks failed, queued ones
// skipped, ended_at = now), when the run lock is free or held by the caller. Returns their ids.
std::vector<std::string> RecoverCrashedRuns(const std::filesystem::path& data_dir, Clock& clock);

// Today's date in pipeline.timezone (the process's zone after UseTimeZone).
std::string Today(Clock& clock);

}  // namespace hf::pipeline

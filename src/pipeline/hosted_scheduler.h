#pragma once

#include <filesystem>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>

#include "common/config.h"
#include "pipeline/background_run.h"
#include "pipeline/clock.h"
#include "pipeline/cron.h"

namespace hf::pipeline {

// Start of the latest run of the history with trigger `schedule`: where catch-up starts from.
std::optional<Instant> LastScheduledRun(const std::filesystem::path& data_dir);

// What a hosted scheduler is doing, for the dashboards.
struct HostedSchedulerStatus {
    std::string cron;                // the expression, as written
    std::string timezone;            // IANA zone the expression is evaluated in
    std::optional<Instant> next_run; // the next slot (nullopt before the first computation)
};

// The cron scheduler of `healthflow scheduler`, hosted by a long-lived process that also hosts
// the pipeline (the dashboards' server, `serve --scheduler`): pipeline.schedule evaluated in
// pipeline.timezone (the process's zone: call UseTimeZone first), pipeline.catch_up; each slot
// starts a run with trigger `schedule` through `runs` (waiting up to an hour for a run in
// progress) and waits for its end, so slots never overlap. Borrows `runs` and `clock`, which
// must outlive it. Status() is thread-safe; Run() runs on one thread.
class HostedScheduler {
public:
    // Throws INVALID_INPUT for a bad pipeline.schedule.
    HostedScheduler(const Config& config, BackgroundRuns& runs, Clock* clock = nullptr);

    // Fires until `stop` is requested (the run in progress is left to `runs`, whose Shutdown
    // stops it cleanly). Returns the number of slots fired.
    int Run(std::stop_token stop);
    // The schedule and its next slot.
    HostedSchedulerStatus Status() const;

private:
    // Starts the slot's run, retrying while another run holds the lock (up to an hour).
    std::string StartSlot(const std::string& logical_date, std::stop_token stop);

    std::filesystem::path data_dir_;
    CronExpression cron_;
    std::string timezone_;
    bool catch_up_ = false;
    BackgroundRuns& runs_;
    Clock& clock_;
    mutable std::mutex mutex_;
    std::optional<Instant> next_run_; // guarded by mutex_
};

} // namespace hf::pipeline

#pragma once

#include <functional>
#include <optional>
#include <stop_token>
#include <string>

#include "pipeline/clock.h"
#include "pipeline/cron.h"

namespace hf::pipeline {

// How the scheduler fires.
struct SchedulerOptions {
    Clock* clock = nullptr;               // nullptr: SystemClock()
    // Catch-up: fire, one after the other, every slot missed since `last_fired` (e.g. the last
    // scheduled run of the history); without it the first fire is the next slot after now.
    bool catch_up = false;
    std::optional<Instant> last_fired;
    int max_fires = -1;                   // stop after this many fires (-1: until stopped)
    // Called for each slot with its instant and logical date (local date of the slot, in the
    // process's time zone); runs on the scheduler's thread, so slots never overlap.
    std::function<void(Instant slot, const std::string& logical_date)> fire;
    // Called with each slot before waiting for it (or catching it up), e.g. to show the next run.
    std::function<void(Instant slot)> on_next;
};

// Fires `options.fire` at each instant `cron` selects (see CronExpression::NextAfter for DST),
// waiting on the clock in between, until `stop` is requested or max_fires is reached. A fire that
// throws is logged and the schedule goes on. Returns the number of fires.
int RunScheduler(const CronExpression& cron, const SchedulerOptions& options, std::stop_token stop);

}  // namespace hf::pipeline

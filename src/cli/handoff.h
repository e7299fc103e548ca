#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "common/config.h"
#include "pipeline/run_record.h"
#include "serve/announcement.h"

namespace hf::cli {

// The dashboards' server holding this data folder's warehouse, to which `healthflow run` and
// `backfill` hand their runs: the live server of <data_dir>/serve.json, unless `no_handoff` or
// pipeline.handoff is false.
std::optional<serve::ServerAnnouncement> HandOffTarget(const Config& config, bool no_handoff);

// A run to hand over: the options of `healthflow run`.
struct HandOffRequest {
    std::string logical_date; // "" = today in the server's pipeline.timezone
    bool full_refresh = false;
    std::string task;
    pipeline::Trigger trigger = pipeline::Trigger::MANUAL;
    std::chrono::milliseconds wait{0}; // how long to retry while another run is in progress
    // Called with the run record each time it changes while the run goes on (progress lines).
    std::function<void(const pipeline::RunRecord&)> on_change;
};

// POSTs the run to `server` with its control token, says so on standard error ("handed to the
// dashboards' server (pid N)"), then follows the run through its record in <data_dir>/runs until
// it ends, and returns it. Throws the pipeline's own error for a refused request (INVALID_INPUT),
// CONFLICT when a run is in progress (after `wait`), UNAVAILABLE when the server does not answer
// or stops during the run. Ctrl-C stops the following, not the run.
pipeline::RunRecord HandOffRun(const Config& config, const serve::ServerAnnouncement& server,
                               const HandOffRequest& request);

} // namespace hf::cli

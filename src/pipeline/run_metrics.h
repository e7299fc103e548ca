#pragma once

#include <map>
#include <optional>
#include <vector>
#include <string>

#include "common/config.h"
#include "pipeline/run_record.h"

namespace hf::pipeline {

// The run's figures (the source design's results table, measured): records processed (rows
// extracted, tombstones included), end-to-end latency (run start to end), transform time
// (transform.run), tests passed / total (transform.test), warehouse size on disk and the number
// of SCD2 patient versions (core.dim_patients_scd). `task_metrics` are the sums reported by the
// task bodies. Figures that cannot be measured stay null. Never throws.
RunMetrics MeasureRun(const Config& config, const RunRecord& run, const std::map<std::string, double>& task_metrics);

// Summary over runs for `healthflow runs --stats`: the figures of the last successful run and
// what only a window of runs tells (counts, success rate, median latency). Plain value.
struct RunStats {
    size_t window = 0;            // how many of the latest runs were looked at, at most
    int runs = 0;                 // runs looked at (the last `window`)
    int succeeded = 0;
    int failed = 0;
    double success_rate = 0;      // percent of finished runs
    RunMetrics last_success;      // of the last successful run looked at; every figure null when none
    std::optional<double> median_latency_seconds;  // over the successful runs looked at
};

// Computes RunStats over the last `window` runs of `runs` (oldest first).
RunStats ComputeStats(const std::vector<RunRecord>& runs, size_t window = 30);

}  // namespace hf::pipeline

#pragma once

#include <string>
#include <vector>

#include "common/config.h"
#include "pipeline/task.h"

namespace hf::pipeline {

// The stages of HealthFlow's daily DAG, in order, for listings and the Airflow export.
// extract.<table> -> load.<table> for each source table, then transform.seed ->
// transform.snapshot -> transform.run -> transform.test.
std::vector<std::string> DailyTaskIds();

// Builds the daily DAG from the configuration: retries (pipeline.retries), delay
// (pipeline.retry_delay_seconds, doubled at each retry when pipeline.retry_exponential), timeout
// (pipeline.task_timeout_seconds). Extraction is incremental unless `full_refresh` (then full,
// and the transformation rebuilds incremental models and seeds). Extractions run one at a time
// (each table is its own batch), loads one at a time; an extraction overlaps the previous
// table's load. The tasks hold a copy of `config`.
std::vector<Task> BuildDailyDag(const Config& config, bool full_refresh);

// The body of transform.<step> (seed, snapshot, run, test) on the project named by
// pipeline.project_dir. Defined in transform_tasks.cc; a build without the transformation
// runner gives a body that fails with INTERNAL.
std::function<TaskOutcome(const TaskContext&)> TransformTaskBody(const Config& config, const std::string& step,
                                                                 bool full_refresh);

// True when this build runs the transform tasks (it has the transformation runner).
bool TransformTasksAvailable();

}  // namespace hf::pipeline

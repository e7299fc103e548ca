#pragma once

#include <string>
#include <vector>

#include "common/config.h"
#include "pipeline/task.h"

namespace hf::pipeline {

// Builds HealthFlow's daily DAG from the configuration. pipeline.extract_tasks = per_table:
// extract.<table> -> load.<table> for each source table (each table its own batch); one_batch:
// one `extract` task (every table in one consistent snapshot, one batch) -> load.<table>. Then
// transform.seed -> transform.snapshot -> transform.run -> transform.test. Retries
// (pipeline.retries), delay (pipeline.retry_delay_seconds, doubled at each retry when
// pipeline.retry_exponential), timeout (pipeline.task_timeout_seconds). Extraction is
// incremental unless `full_refresh` (then full, and the transformation rebuilds incremental
// models and seeds). Extractions run one at a time, loads one at a time (pools); an extraction
// overlaps the previous table's load. The tasks hold a copy of `config`. Throws INVALID_INPUT
// for a bad pipeline.extract_tasks.
std::vector<Task> BuildDailyDag(const Config& config, bool full_refresh);

// The body of transform.<step> on the project named by pipeline.project_dir (the default
// project of transform::ResolveProjectDir when the setting is not set): seed (seeds),
// snapshot (the snapshots and the models they read, as `build --select +resource_type:snapshot`
// without tests), run (every model), test (every data test; fails when an error-severity test
// fails). Defined in transform_tasks.cc; a build without the transformation
// runner gives a body that fails with INTERNAL.
std::function<TaskOutcome(const TaskContext&)> TransformTaskBody(const Config& config, const std::string& step,
                                                                 bool full_refresh);

}  // namespace hf::pipeline

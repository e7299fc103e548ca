#pragma once

#include <string>

#include "common/config.h"

namespace hf::pipeline {

// What the exported Airflow DAG calls and when.
struct AirflowDagOptions {
    std::string dag_id = "healthflow_pipeline";
    std::string healthflow = "healthflow";  // command (path of the binary) the tasks run
    std::string schedule;                   // cron or @daily; "" = pipeline.schedule
    std::string timezone;                   // "" = pipeline.timezone
    std::string start_date = "2026-01-01";  // first logical date Airflow considers
};

// An Airflow 2 DAG file (Python) with one BashOperator per task of the daily DAG, each running
// `healthflow run --task <id> --date <logical date> --trigger schedule --wait 3600`, the same
// dependencies, retries (pipeline.retries), retry_delay, exponential backoff and timeout,
// schedule and time zone (pendulum), catchup=False and one active run at a time.
std::string RenderAirflowDag(const Config& config, const AirflowDagOptions& options);

}  // namespace hf::pipeline

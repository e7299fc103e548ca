#include "pipeline/airflow_dag.h"

#include <fmt/format.h>

#include "pipeline/cron.h"
#include "pipeline/daily_dag.h"

namespace hf::pipeline {

namespace {

// A Python string literal (double quotes, escaped).
std::string Py(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '\\' || c == '"') {
            out += '\\';
        }
        out += c;
    }
    return out + "\"";
}

// A variable name for a task id ("extract.patients" -> "extract_patients").
std::string VarName(const std::string& id) {
    std::string out;
    for (char c : id) {
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return out;
}

}  // namespace

std::string RenderAirflowDag(const Config& config, const AirflowDagOptions& options) {
    std::string schedule = options.schedule.empty() ? config.Get("pipeline.schedule") : options.schedule;
    std::string timezone = options.timezone.empty() ? config.Get("pipeline.timezone") : options.timezone;
    CronExpression::Parse(schedule);  // refuse what Airflow would refuse later
    CheckDate(options.start_date);
    auto tasks = BuildDailyDag(config, false);
    const Task& sample = tasks.front();

    std::string out;
    out += "\"\"\"HealthFlow daily pipeline for Apache Airflow 2, written by `healthflow airflow-dag`.\n\n";
    out += "Each task runs one stage of HealthFlow's DAG with `healthflow run --task`; Airflow owns the\n";
    out += "retries, so each call makes one attempt. Regenerate the file after changing the pipeline settings.\n";
    out += "\"\"\"\n";
    out += "from datetime import timedelta\n\nimport pendulum\nfrom airflow import DAG\n";
    out += "from airflow.operators.bash import BashOperator\n\n";
    out += "HEALTHFLOW = " + Py(options.healthflow) + "\n";
    out += "LOGICAL_DATE = \"{{ data_interval_end.in_timezone(dag.timezone).to_date_string() }}\"\n\n";
    out += "default_args = {\n";
    out += "    \"owner\": \"healthflow\",\n";
    out += "    \"depends_on_past\": False,\n";
    out += "    \"email_on_failure\": False,\n";
    out += fmt::format("    \"retries\": {},\n", sample.retries);
    out += fmt::format("    \"retry_delay\": timedelta(seconds={}),\n", sample.retry_delay.count() / 1000.0);
    out += std::string("    \"retry_exponential_backoff\": ") + (sample.exponential_backoff ? "True" : "False") + ",\n";
    if (sample.timeout.count() > 0) {
        out += fmt::format("    \"execution_timeout\": timedelta(seconds={}),\n", sample.timeout.count() / 1000.0);
    }
    out += "}\n\n";
    int year = std::stoi(options.start_date.substr(0, 4));
    int month = std::stoi(options.start_date.substr(5, 2));
    int day = std::stoi(options.start_date.substr(8, 2));
    out += "with DAG(\n";
    out += "    dag_id=" + Py(options.dag_id) + ",\n";
    out += "    description=\"HealthFlow: extract -> load -> transform -> test\",\n";
    out += "    schedule_interval=" + Py(schedule) + ",\n";
    out += fmt::format("    start_date=pendulum.datetime({}, {}, {}, tz={}),\n", year, month, day, Py(timezone));
    out += "    catchup=False,\n";
    out += "    max_active_runs=1,\n";
    out += "    default_args=default_args,\n";
    out += "    tags=[\"healthflow\"],\n";
    out += ") as dag:\n";
    for (const auto& t : tasks) {
        out += "    " + VarName(t.id) + " = BashOperator(\n";
        out += "        task_id=" + Py(t.id) + ",\n";
        out += "        bash_command=f\"{HEALTHFLOW} run --task " + t.id +
               " --date {LOGICAL_DATE} --trigger schedule --wait 3600\",\n";
        out += "    )\n";
    }
    out += "\n";
    for (const auto& t : tasks) {
        for (const auto& d : t.depends_on) {
            out += "    " + VarName(d) + " >> " + VarName(t.id) + "\n";
        }
    }
    return out;
}

}  // namespace hf::pipeline

#include "pipeline/run_metrics.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>

#include "common/resources.h"
#include "db/warehouse.h"

HF_DECLARE_RESOURCE_BUNDLE(pipeline_sql)

namespace hf::pipeline {

namespace {

double Seconds(Instant from, Instant to) { return std::chrono::duration<double>(to - from).count(); }

std::optional<int64_t> FileBytes(const std::filesystem::path& path) {
    std::error_code ec;
    auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        return std::nullopt;
    }
    auto wal = std::filesystem::file_size(path.string() + ".wal", ec);
    return static_cast<int64_t>(size + (ec ? 0 : wal));
}

}  // namespace

RunMetrics MeasureRun(const Config& config, const RunRecord& run, const std::map<std::string, double>& task_metrics) {
    RunMetrics m;
    int64_t records = 0;
    bool any_extract = false;
    for (const auto& t : run.tasks) {
        bool extraction = t.task_id == "extract" || t.task_id.rfind("extract.", 0) == 0;
        if (extraction && t.state == TaskState::SUCCESS) {
            records += t.rows_out;
            any_extract = true;
        }
        if (t.task_id == "transform.run" && t.state == TaskState::SUCCESS && t.started_at && t.ended_at) {
            m.transform_seconds = Seconds(*t.started_at, *t.ended_at);
        }
    }
    if (any_extract) {
        m.records_processed = records;
    }
    if (run.started_at && run.ended_at) {
        m.latency_seconds = Seconds(*run.started_at, *run.ended_at);
    }
    if (auto it = task_metrics.find("tests_total"); it != task_metrics.end()) {
        m.tests_total = static_cast<int64_t>(it->second);
        auto passed = task_metrics.find("tests_passed");
        m.tests_passed = passed == task_metrics.end() ? 0 : static_cast<int64_t>(passed->second);
    }
    bool touched_warehouse = std::any_of(run.tasks.begin(), run.tasks.end(), [](const TaskRecord& t) {
        return t.task_id.rfind("load.", 0) == 0 || t.task_id.rfind("transform.", 0) == 0;
    });
    if (!touched_warehouse) {
        return m;
    }
    const auto& sql = resources::bundles::pipeline_sql();
    try {
        auto warehouse = db::OpenWarehouse(config);
        if (warehouse->GetDialect().engine == "duckdb") {
            std::string path = config.Get("warehouse.path");
            m.warehouse_bytes =
                FileBytes(path.empty() ? config.DataDir() / "warehouse.duckdb" : std::filesystem::path(path));
        } else {
            m.warehouse_bytes = warehouse->Query(sql.Get("warehouse_bytes_postgres.sql")).Int(0, 0);
        }
        if (warehouse->GetRelationKind("core", "dim_patients_scd")) {
            m.scd2_versions = warehouse->Query(sql.Get("scd2_versions.sql")).Int(0, 0);
        }
    } catch (const Error& e) {
        spdlog::warn("run {}: warehouse figures not measured: {}", run.run_id, e.OneLine());
    }
    return m;
}

RunStats ComputeStats(const std::vector<RunRecord>& runs, size_t window) {
    RunStats s;
    s.window = window;
    size_t first = runs.size() > window ? runs.size() - window : 0;
    std::vector<double> latencies;
    const RunRecord* last_ok = nullptr;
    for (size_t i = first; i < runs.size(); ++i) {
        const auto& r = runs[i];
        ++s.runs;
        if (r.state == RunState::SUCCESS) {
            ++s.succeeded;
            last_ok = &r;
            if (r.metrics.latency_seconds) {
                latencies.push_back(*r.metrics.latency_seconds);
            }
        } else if (r.state == RunState::FAILED) {
            ++s.failed;
        }
    }
    if (s.succeeded + s.failed > 0) {
        s.success_rate = 100.0 * s.succeeded / (s.succeeded + s.failed);
    }
    if (last_ok) {
        s.last_success = last_ok->metrics;
    }
    if (!latencies.empty()) {
        std::sort(latencies.begin(), latencies.end());
        size_t n = latencies.size();
        s.median_latency_seconds = n % 2 ? latencies[n / 2] : (latencies[n / 2 - 1] + latencies[n / 2]) / 2;
    }
    return s;
}

}  // namespace hf::pipeline

#include "pipeline/daily_dag.h"

#include "db/warehouse.h"
#include "extract/extraction.h"
#include "lake/object_store.h"
#include "load/loader.h"

namespace hf::pipeline {

namespace {

const std::vector<std::string> kTransformSteps = {"seed", "snapshot", "run", "test"};

TaskOutcome ExtractTables(const Config& config, const std::vector<std::string>& tables, bool full_refresh,
                          const TaskContext& ctx) {
    auto options = extract::OptionsFromConfig(config);
    options.tables = tables;
    options.mode = full_refresh ? extract::ExtractMode::FULL : extract::ExtractMode::INCREMENTAL;
    options.progress = [&ctx](const extract::TableProgress& p) {
        if (p.done) {
            ctx.Log(p.table + ": " + std::to_string(p.rows) + " rows, " + std::to_string(p.bytes) + " bytes");
        }
    };
    auto report = extract::RunExtraction(config, options);
    TaskOutcome out;
    for (const auto& t : report.tables) {
        ctx.Log(std::string(extract::ModeName(t.mode)) + " extraction of " + t.table + ": " + std::to_string(t.rows) +
                " rows, " + std::to_string(t.tombstones) + " tombstones into " + t.key);
        out.rows_in += static_cast<int64_t>(t.rows + t.tombstones);
        out.rows_out += static_cast<int64_t>(t.rows + t.tombstones);
    }
    ctx.Log("batch " + report.manifest.batch_id + " published as " + report.manifest_key);
    return out;
}

TaskOutcome LoadTable(const Config& config, const std::string& table, const TaskContext& ctx) {
    auto lake = lake::OpenObjectStore(config);
    auto warehouse = db::OpenWarehouse(config);
    load::LoadOptions options;
    options.tables = {table};
    auto report = load::LoadLake(*lake, *warehouse, options);
    TaskOutcome out;
    for (const auto& f : report.files) {
        if (f.already_loaded) {
            continue;
        }
        ctx.Log("loaded " + f.key + ": " + std::to_string(f.rows_loaded) + " rows, " +
                std::to_string(f.rows_rejected) + " rejected");
        out.rows_in += f.rows_loaded + f.rows_rejected;
        out.rows_out += f.rows_loaded;
    }
    if (report.failure) {
        throw *report.failure;
    }
    return out;
}

Task BaseTask(const Config& config, std::string id, std::vector<std::string> depends_on) {
    Task t;
    t.id = std::move(id);
    t.depends_on = std::move(depends_on);
    t.retries = static_cast<int>(config.GetInt("pipeline.retries"));
    t.retry_delay = std::chrono::milliseconds(
        static_cast<long long>(config.GetDouble("pipeline.retry_delay_seconds") * 1000));
    t.exponential_backoff = config.GetBool("pipeline.retry_exponential");
    t.timeout = std::chrono::milliseconds(
        static_cast<long long>(config.GetDouble("pipeline.task_timeout_seconds") * 1000));
    return t;
}

}  // namespace

std::vector<Task> BuildDailyDag(const Config& config, bool full_refresh) {
    const std::string& shape = config.Get("pipeline.extract_tasks");
    if (shape != "per_table" && shape != "one_batch") {
        throw Error(ErrorKind::INVALID_INPUT, "pipeline.extract_tasks is '" + shape + "'",
                    "use per_table (one extraction task and batch per table) or one_batch (one task extracting "
                    "every table in one consistent snapshot)");
    }
    std::vector<Task> tasks;
    if (shape == "one_batch") {
        Task extract_task = BaseTask(config, "extract", {});
        extract_task.body = [config, full_refresh](const TaskContext& ctx) {
            return ExtractTables(config, {}, full_refresh, ctx);
        };
        tasks.push_back(std::move(extract_task));
    }
    std::vector<std::string> loads;
    for (const auto& table : extract::ExtractableTables()) {
        std::string upstream = "extract";
        if (shape == "per_table") {
            upstream = "extract." + table;
            Task extract_task = BaseTask(config, upstream, {});
            extract_task.pool = "extract";
            extract_task.body = [config, table, full_refresh](const TaskContext& ctx) {
                return ExtractTables(config, {table}, full_refresh, ctx);
            };
            tasks.push_back(std::move(extract_task));
        }
        Task load_task = BaseTask(config, "load." + table, {upstream});
        load_task.pool = "load";
        load_task.body = [config, table](const TaskContext& ctx) { return LoadTable(config, table, ctx); };
        loads.push_back(load_task.id);
        tasks.push_back(std::move(load_task));
    }
    std::vector<std::string> previous = loads;
    for (const auto& step : kTransformSteps) {
        Task t = BaseTask(config, "transform." + step, previous);
        t.body = TransformTaskBody(config, step, full_refresh);
        previous = {t.id};
        tasks.push_back(std::move(t));
    }
    return tasks;
}

}  // namespace hf::pipeline

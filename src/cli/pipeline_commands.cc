#include <nlohmann/json.hpp>

#include <cstdio>
#include <map>
#include <string>

#include "cli/cli_context.h"
#include "cli/handoff.h"
#include "common/fs.h"
#include "common/logging.h"
#include "pipeline/cron.h"
#include "pipeline/daily_dag.h"
#include "pipeline/pipeline_run.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_metrics.h"

namespace hf::cli {

namespace {

using pipeline::RunRecord;
using pipeline::TaskState;

std::string Duration(const RunRecord& run) {
    if (!run.started_at || !run.ended_at) {
        return "-";
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", std::chrono::duration<double>(*run.ended_at - *run.started_at).count());
    return buf;
}

// Prints one line per task state change (running, up_for_retry, success, failed, skipped).
class ProgressPrinter {
public:
    void operator()(const RunRecord& run) {
        if (CurrentVerbosity() == Verbosity::QUIET) {
            return;
        }
        for (const auto& t : run.tasks) {
            auto key = std::string(pipeline::TaskStateName(t.state)) + "/" + std::to_string(t.attempts);
            auto& last = seen_[t.task_id];
            if (last == key || t.state == TaskState::QUEUED || (t.state == TaskState::RUNNING && t.attempts == 0)) {
                last = key;
                continue;
            }
            last = key;
            std::string detail;
            if (t.state == TaskState::RUNNING && t.attempts > 1) {
                detail = " (attempt " + std::to_string(t.attempts) + ")";
            } else if (t.state == TaskState::SUCCESS) {
                detail = " " + std::to_string(t.rows_out) + " rows out";
            } else if (t.state == TaskState::FAILED || t.state == TaskState::UP_FOR_RETRY) {
                detail = ": " + t.error;
            }
            std::fprintf(stderr, "  %-27s %s%s\n", t.task_id.c_str(), std::string(pipeline::TaskStateName(t.state)).c_str(),
                         detail.c_str());
        }
    }

private:
    std::map<std::string, std::string> seen_;
};

void PrintRunSummary(const RunRecord& run, const std::string& data_dir) {
    std::printf("run %s (logical date %s, %s): %s in %s\n", run.run_id.c_str(), run.logical_date.c_str(),
                std::string(pipeline::TriggerName(run.trigger)).c_str(),
                std::string(pipeline::RunStateName(run.state)).c_str(), Duration(run).c_str());
    std::printf("%-27s %-13s %8s %10s %10s\n", "task", "state", "attempts", "rows in", "rows out");
    for (const auto& t : run.tasks) {
        std::printf("%-27s %-13s %8d %10lld %10lld\n", t.task_id.c_str(),
                    std::string(pipeline::TaskStateName(t.state)).c_str(), t.attempts,
                    static_cast<long long>(t.rows_in), static_cast<long long>(t.rows_out));
    }
    for (const auto& t : run.tasks) {
        if (t.state == TaskState::FAILED) {
            std::printf("%s failed: %s\n  log: %s/%s\n", t.task_id.c_str(), t.error.c_str(), data_dir.c_str(),
                        t.log.c_str());
        }
    }
}

template <typename T>
std::string Opt(const std::optional<T>& v, const char* unit = "") {
    if (!v) {
        return "-";
    }
    if constexpr (std::is_floating_point_v<T>) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.2f%s", *v, unit);
        return buf;
    } else {
        return std::to_string(*v) + unit;
    }
}

void PrintStats(const std::vector<RunRecord>& runs) {
    const auto s = pipeline::ComputeStats(runs);
    const auto& last = s.last_success;
    std::printf("%-44s %s\n", "metric", "value");
    std::printf("%-44s %s\n", "records processed (last successful run)", Opt(last.records_processed).c_str());
    std::printf("%-44s %s\n", "end-to-end latency (last successful run)", Opt(last.latency_seconds, " s").c_str());
    std::printf("%-44s %s\n", "median latency (successful runs)", Opt(s.median_latency_seconds, " s").c_str());
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.1f %% (%d of %d finished)", s.success_rate, s.succeeded,
                  s.succeeded + s.failed);
    const std::string window = "success rate (last " + std::to_string(s.window) + " runs)";
    std::printf("%-44s %s\n", window.c_str(), s.succeeded + s.failed ? rate : "-");
    std::printf("%-44s %s\n", "transform time (transform.run)", Opt(last.transform_seconds, " s").c_str());
    std::string tests = last.tests_total ? Opt(last.tests_passed) + " / " + Opt(last.tests_total) : "-";
    std::printf("%-44s %s\n", "tests passed / total", tests.c_str());
    std::string size = last.warehouse_bytes ? Opt(std::optional<double>(*last.warehouse_bytes / 1e6), " MB") : "-";
    std::printf("%-44s %s\n", "warehouse size", size.c_str());
    std::printf("%-44s %s\n", "SCD2 patient versions", Opt(last.scd2_versions).c_str());
}

}  // namespace

void RegisterPipelineCommands(CLI::App& app, CliContext& ctx) {
    struct RunOpts {
        std::string date;
        bool full_refresh = false;
        std::string task;
        std::string trigger = "manual";
        double wait = -1;
        bool list = false;
        bool no_handoff = false;
    };
    auto ro = std::make_shared<RunOpts>();
    auto* run = app.add_subcommand("run", "Run the daily pipeline once: extract -> load -> transform -> test");
    run->footer(
        "Tasks: extract (every source table in one snapshot; extract.<table> per table with "
        "pipeline.extract_tasks=per_table), load.<table> for each source table, then transform.seed, "
        "transform.snapshot, transform.run, transform.test. A failed task is retried (pipeline.retries, "
        "pipeline.retry_delay_seconds) when its error may pass; its dependants are skipped when it fails for "
        "good and alerts.webhooks are told. History: <data_dir>/runs/<run_id>/run.json and one log per task "
        "(`healthflow runs`, `healthflow logs`). Exits 1 when a task failed. While `healthflow serve` holds "
        "the warehouse of this data folder, the run is handed to it and followed from here (see --no-handoff).");
    run->add_option("--date", ro->date, "Logical date YYYY-MM-DD (default: today in pipeline.timezone)");
    run->add_flag("--full-refresh", ro->full_refresh,
                  "Extract every row again and rebuild incremental models and seeds");
    run->add_option("--task", ro->task,
                    "Run only this task of the DAG, once, without its upstream tasks (for Airflow, which retries)");
    run->add_option("--trigger", ro->trigger, "What started the run, recorded in the history")
        ->check(CLI::IsMember({"manual", "schedule", "backfill"}));
    run->add_option("--wait", ro->wait,
                    "Seconds to wait for a run in progress on the same data folder (default pipeline.lock_wait_seconds)");
    run->add_flag("--list", ro->list, "List the tasks of the DAG and exit");
    run->add_flag("--no-handoff", ro->no_handoff,
                  "Never hand the run to a running `healthflow serve` (setting pipeline.handoff): run here, refused "
                  "while the server holds a DuckDB warehouse");
    run->callback([&ctx, ro] {
        const Config& config = ctx.GetConfig();
        if (ro->list) {
            for (const auto& t : pipeline::BuildDailyDag(config, false)) {
                std::string deps;
                for (const auto& d : t.depends_on) {
                    deps += (deps.empty() ? "" : ", ") + d;
                }
                std::printf("%-27s <- %s\n", t.id.c_str(), deps.empty() ? "-" : deps.c_str());
            }
            return;
        }
        pipeline::UseTimeZone(config.Get("pipeline.timezone"));
        pipeline::PipelineRunOptions options;
        options.logical_date = ro->date.empty() ? "" : pipeline::CheckDate(ro->date);
        options.full_refresh = ro->full_refresh;
        options.trigger = pipeline::ParseTrigger(ro->trigger);
        options.only_task = ro->task;
        double wait = ro->wait >= 0 ? ro->wait : config.GetDouble("pipeline.lock_wait_seconds");
        options.lock_wait = std::chrono::milliseconds(static_cast<long long>(wait * 1000));
        Config effective = config;
        if (!ro->task.empty()) {
            effective = effective.With("pipeline.retries", "0");
        }
        ProgressPrinter printer;
        RunRecord record;
        if (auto server = HandOffTarget(config, ro->no_handoff)) {
            HandOffRequest request;
            request.logical_date =
                options.logical_date.empty() ? pipeline::Today(pipeline::SystemClock()) : options.logical_date;
            request.full_refresh = ro->full_refresh;
            request.task = ro->task;
            request.trigger = options.trigger;
            request.wait = options.lock_wait;
            request.on_change = [&printer](const RunRecord& r) { printer(r); };
            record = HandOffRun(config, *server, request);
        } else {
            options.on_change = [&printer](const RunRecord& r) { printer(r); };
            record = pipeline::RunPipeline(effective, options);
        }
        PrintRunSummary(record, config.DataDir().string());
        if (record.state != pipeline::RunState::SUCCESS) {
            throw CLI::RuntimeError(1);
        }
    });

    struct RunsOpts {
        int last = 20;
        bool stats = false;
        bool json = false;
    };
    auto so = std::make_shared<RunsOpts>();
    auto* runs = app.add_subcommand("runs", "List the pipeline's runs, or their metrics with --stats");
    runs->add_option("--last", so->last, "How many of the latest runs to list")->capture_default_str();
    runs->add_flag("--stats", so->stats,
                   "Metrics: records processed, latency, success rate over the last 30 runs, transform time, tests, "
                   "warehouse size, SCD2 versions");
    runs->add_flag("--json", so->json, "Print the run records as JSON (one per line)");
    runs->callback([&ctx, so] {
        const Config& config = ctx.GetConfig();
        if (pipeline::RunLock::IsFree(config.DataDir())) {
            pipeline::RecoverCrashedRuns(config.DataDir(), pipeline::SystemClock());
        }
        pipeline::RunStore store(config.DataDir());
        auto all = store.List();
        if (so->stats) {
            PrintStats(all);
            return;
        }
        size_t first = all.size() > static_cast<size_t>(std::max(0, so->last)) ? all.size() - so->last : 0;
        if (so->json) {
            for (size_t i = first; i < all.size(); ++i) {
                std::printf("%s\n", nlohmann::json::parse(all[i].ToJson()).dump().c_str());
            }
            return;
        }
        if (all.empty()) {
            std::printf("no run yet in %s: start one with `healthflow run`\n", store.RunsDir().c_str());
            return;
        }
        std::printf("%-30s %-10s %-8s %-8s %-20s %10s %6s %6s %7s %10s\n", "run_id", "date", "trigger", "state",
                    "started_at", "duration", "ok", "failed", "skipped", "records");
        for (size_t i = first; i < all.size(); ++i) {
            const auto& r = all[i];
            int ok = 0, failed = 0, skipped = 0;
            for (const auto& t : r.tasks) {
                ok += t.state == TaskState::SUCCESS;
                failed += t.state == TaskState::FAILED;
                skipped += t.state == TaskState::SKIPPED;
            }
            std::printf("%-30s %-10s %-8s %-8s %-20s %10s %6d %6d %7d %10s\n", r.run_id.c_str(), r.logical_date.c_str(),
                        std::string(pipeline::TriggerName(r.trigger)).c_str(),
                        std::string(pipeline::RunStateName(r.state)).c_str(),
                        r.started_at ? pipeline::FormatInstant(*r.started_at).c_str() : "-", Duration(r).c_str(), ok,
                        failed, skipped, Opt(r.metrics.records_processed).c_str());
        }
    });

    struct LogsOpts {
        std::string run_id;
        std::string task;
    };
    auto lo = std::make_shared<LogsOpts>();
    auto* logs = app.add_subcommand("logs", "Print the logs of a run's tasks");
    logs->add_option("RUN", lo->run_id, "Run id (see `healthflow runs`), or `last`")->required();
    logs->add_option("TASK", lo->task, "Only this task's log");
    logs->callback([&ctx, lo] {
        const Config& config = ctx.GetConfig();
        pipeline::RunStore store(config.DataDir());
        std::string id = lo->run_id;
        if (id == "last") {
            auto all = store.List();
            if (all.empty()) {
                throw Error(ErrorKind::NOT_FOUND, "no run recorded in " + store.RunsDir().string(),
                            "start one with `healthflow run`");
            }
            id = all.back().run_id;
        }
        auto run = store.Load(id);
        bool found = false;
        for (const auto& t : run.tasks) {
            if (!lo->task.empty() && t.task_id != lo->task) {
                continue;
            }
            found = true;
            auto text = ReadFile(config.DataDir() / t.log);
            if (lo->task.empty()) {
                std::printf("== %s (%s, %d attempt(s))\n", t.task_id.c_str(),
                            std::string(pipeline::TaskStateName(t.state)).c_str(), t.attempts);
            }
            std::printf("%s", text.Ok() ? text.Value().c_str() : "(no log: the task did not start)\n");
        }
        if (!found) {
            std::string known;
            for (const auto& t : run.tasks) {
                known += (known.empty() ? "" : ", ") + t.task_id;
            }
            throw Error(ErrorKind::NOT_FOUND, "run " + id + " has no task '" + lo->task + "'", "tasks: " + known);
        }
    });
}

}  // namespace hf::cli

#include "pipeline/pipeline_run.h"

#include <spdlog/spdlog.h>

#include <fstream>
#include <map>
#include <mutex>
#include <set>

#include "common/error.h"
#include "common/resources.h"
#include "db/warehouse.h"
#include "pipeline/alerts.h"
#include "pipeline/business_alerts.h"
#include "pipeline/cron.h"
#include "pipeline/daily_dag.h"
#include "pipeline/executor.h"
#include "pipeline/run_lock.h"
#include "pipeline/run_metrics.h"

namespace hf::pipeline {

namespace {

// Every task downstream of `id`, transitively, in DAG order.
std::vector<std::string> Downstream(const std::vector<Task>& tasks, const std::string& id) {
    std::set<std::string> reached = {id};
    std::vector<std::string> out;
    bool grew = true;
    while (grew) {
        grew = false;
        for (const auto& t : tasks) {
            if (reached.count(t.id)) {
                continue;
            }
            for (const auto& d : t.depends_on) {
                if (reached.count(d)) {
                    reached.insert(t.id);
                    out.push_back(t.id);
                    grew = true;
                    break;
                }
            }
        }
    }
    return out;
}

Alert TaskFailureAlert(const RunRecord& run, const TaskRecord& task, const Error& error,
                       const std::vector<std::string>& skipped) {
    Alert alert;
    alert.key = "task-failed:" + run.run_id + ":" + task.task_id;
    alert.severity = "critique";
    alert.title = "HealthFlow : échec de la tâche " + task.task_id;
    alert.text = "La tâche " + task.task_id + " du run " + run.run_id + " (date logique " + run.logical_date +
                 ") a échoué après " + std::to_string(task.attempts) + " tentative(s). " +
                 (skipped.empty() ? std::string("Aucune tâche en aval.")
                                  : std::to_string(skipped.size()) + " tâche(s) en aval ne seront pas exécutées.");
    std::string skipped_text;
    for (const auto& s : skipped) {
        skipped_text += (skipped_text.empty() ? "" : ", ") + s;
    }
    alert.facts = {{"Run", run.run_id},
                   {"Date logique", run.logical_date},
                   {"Tâche", task.task_id},
                   {"Tentatives", std::to_string(task.attempts)},
                   {"Erreur", error.OneLine()},
                   {"Journal", task.log}};
    if (!skipped_text.empty()) {
        alert.facts.emplace_back("Tâches ignorées", skipped_text);
    }
    return alert;
}

// Appends time-stamped lines to the tasks' log files of one run. Thread-safe.
class TaskLogs {
public:
    TaskLogs(const RunStore& store, std::string run_id, Clock& clock)
        : store_(store), run_id_(std::move(run_id)), clock_(clock) {}

    void Append(const std::string& task_id, std::string_view line) {
        std::lock_guard lock(mutex_);
        std::ofstream out(store_.TaskLogPath(run_id_, task_id), std::ios::app);
        out << FormatInstantMillis(clock_.Now()) << " " << line << "\n";
    }

private:
    const RunStore& store_;
    std::string run_id_;
    Clock& clock_;
    std::mutex mutex_;
};

}  // namespace

std::string Today(Clock& clock) { return LocalDate(clock.Now()); }

std::vector<std::string> RecoverCrashedRuns(const std::filesystem::path& data_dir, Clock& clock) {
    RunStore store(data_dir);
    std::vector<std::string> recovered;
    for (auto run : store.List()) {
        if (run.state != RunState::RUNNING) {
            continue;
        }
        Instant now = clock.Now();
        for (auto& t : run.tasks) {
            if (t.state == TaskState::RUNNING || t.state == TaskState::UP_FOR_RETRY) {
                t.state = TaskState::FAILED;
                t.ended_at = now;
                t.error = "the process running this task stopped before it finished (crash or kill)";
            } else if (t.state == TaskState::QUEUED) {
                t.state = TaskState::SKIPPED;
            }
        }
        run.state = RunState::FAILED;
        run.ended_at = now;
        store.Save(run);
        spdlog::warn("run {} (logical date {}) was interrupted: its process died; marked failed", run.run_id,
                     run.logical_date);
        recovered.push_back(run.run_id);
    }
    return recovered;
}

namespace {

// The warehouse when it is a DuckDB file that this process can open now; nullptr otherwise (a
// task that needs it then fails with the engine's own message, and is retried).
std::unique_ptr<db::Warehouse> HoldDuckDbWarehouse(const Config& config) {
    try {
        auto warehouse = db::OpenWarehouse(config);
        if (warehouse->GetDialect().engine == "duckdb") {
            return warehouse;
        }
    } catch (const Error& e) {
        spdlog::debug("warehouse not held open for the run: {}", e.OneLine());
    }
    return nullptr;
}

}  // namespace

RunRecord RunPipeline(const Config& config, const PipelineRunOptions& options) {
    Clock& clock = options.clock ? *options.clock : SystemClock();
    std::string logical_date = options.logical_date.empty() ? Today(clock) : CheckDate(options.logical_date);
    std::vector<Task> tasks = options.tasks.empty() ? BuildDailyDag(config, options.full_refresh) : options.tasks;
    ValidateDag(tasks);
    const std::string last_task_id = tasks.empty() ? "" : tasks.back().id;
    if (!options.only_task.empty()) {
        RequireTask(tasks, options.only_task);
        std::vector<Task> one;
        for (auto& t : tasks) {
            if (t.id == options.only_task) {
                t.depends_on.clear();
                one.push_back(std::move(t));
            }
        }
        tasks = std::move(one);
    }
    bool last_task_included = options.only_task.empty() || options.only_task == last_task_id;

    RunStore store(config.DataDir());
    RunRecord run;
    run.trigger = options.trigger;
    run.logical_date = logical_date;
    run.run_id = options.run_id.empty() ? RunStore::NewRunId(clock.Now(), options.trigger) : options.run_id;
    std::shared_ptr<RunLock> lock = options.lock;
    if (!lock) {
        lock = std::make_shared<RunLock>(RunLock::Acquire(config.DataDir(), "run " + run.run_id, options.lock_wait));
    }
    RecoverCrashedRuns(config.DataDir(), clock);
    run.started_at = clock.Now();
    run.state = RunState::RUNNING;
    store.Save(run);
    spdlog::info("run {}: logical date {}, {} task(s), history in {}", run.run_id, logical_date, tasks.size(),
                 store.RunDir(run.run_id).string());

    // A DuckDB warehouse stays open for the whole run: each task opens its own connection to the
    // same instance, instead of opening the file and checkpointing it on close, task after task.
    std::unique_ptr<db::Warehouse> held_warehouse;
    if (options.tasks.empty()) {
        held_warehouse = HoldDuckDbWarehouse(config);
    }

    AlertSender alerts(config, &clock);
    TaskLogs logs(store, run.run_id, clock);
    std::mutex metrics_mutex;
    std::map<std::string, double> task_metrics;  // guarded by metrics_mutex
    for (auto& t : tasks) {
        auto body = t.body;
        t.body = [body, &metrics_mutex, &task_metrics](const TaskContext& ctx) {
            TaskOutcome out = body(ctx);
            std::lock_guard guard(metrics_mutex);
            for (const auto& [k, v] : out.metrics) {
                task_metrics[k] += v;
            }
            return out;
        };
    }

    ExecutorOptions exec;
    exec.clock = &clock;
    exec.max_parallel = static_cast<int>(config.GetInt("pipeline.parallelism"));
    exec.log = [&logs](const std::string& id, std::string_view line) { logs.Append(id, line); };
    exec.on_change = [&store, &options](const RunRecord& r) {
        store.Save(r);
        if (options.on_change) {
            options.on_change(r);
        }
    };
    exec.on_task_failed = [&alerts, &tasks](const RunRecord& r, const TaskRecord& t, const Error& e) {
        if (!alerts.Empty()) {
            alerts.Send(TaskFailureAlert(r, t, e, Downstream(tasks, t.task_id)));
        }
    };
    RunState outcome = ExecuteDag(tasks, run, exec, options.stop);

    if (outcome == RunState::SUCCESS && options.business_alerts && last_task_included && !alerts.Empty()) {
        try {
            for (const auto& alert : BusinessAlerts(config, logical_date)) {
                alerts.Send(alert);
            }
        } catch (const Error& e) {
            spdlog::warn("business alerts not checked: {}", e.OneLine());
        }
    }
    run.ended_at = clock.Now();
    run.state = outcome;
    run.metrics = MeasureRun(config, run, task_metrics);
    if (options.on_finished) {
        options.on_finished(run);
    }
    store.Save(run);
    if (options.on_change) {
        options.on_change(run);
    }
    return run;
}

}  // namespace hf::pipeline

#include "pipeline/executor.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <condition_variable>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

namespace hf::pipeline {

namespace {

// Runs one attempt of `task`, enforcing its timeout. Returns the outcome or the error.
struct AttemptResult {
    std::optional<TaskOutcome> outcome;
    std::optional<Error> error;
};

Error ToError(const std::exception_ptr& failure, const std::string& task_id) {
    try {
        std::rethrow_exception(failure);
    } catch (const Error& e) {
        return e;
    } catch (const std::exception& e) {
        return Error(ErrorKind::INTERNAL, "task " + task_id + " failed: " + e.what(),
                     "this is a bug in HealthFlow; the task's log has the details");
    } catch (...) {
        return Error(ErrorKind::INTERNAL, "task " + task_id + " failed with an unknown exception");
    }
}

AttemptResult RunAttempt(const Task& task, const TaskContext& base, std::stop_token outer) {
    AttemptResult result;
    if (task.timeout.count() <= 0) {
        try {
            result.outcome = task.body(base);
        } catch (...) {
            result.error = ToError(std::current_exception(), task.id);
        }
        return result;
    }
    std::mutex mutex;
    std::condition_variable done_cv;
    bool done = false;
    std::exception_ptr failure;
    std::optional<TaskOutcome> outcome;
    std::jthread runner([&](std::stop_token inner) {
        TaskContext ctx(base.LogicalDate(), base.Attempt(), inner, base.GetClock(),
                        [&base](std::string_view line) { base.Log(line); });
        try {
            auto out = task.body(ctx);
            std::lock_guard lock(mutex);
            outcome = std::move(out);
        } catch (...) {
            std::lock_guard lock(mutex);
            failure = std::current_exception();
        }
        std::lock_guard lock(mutex);
        done = true;
        done_cv.notify_all();
    });
    std::stop_callback stop_runner(outer, [&runner] { runner.request_stop(); });
    bool timed_out = false;
    {
        std::unique_lock lock(mutex);
        if (!done_cv.wait_for(lock, task.timeout, [&] { return done; })) {
            timed_out = true;
            lock.unlock();
            base.Log("timeout of " + fmt::format("{:g}", task.timeout.count() / 1000.0) +
                     " s reached: asking the task to stop");
            runner.request_stop();
        }
    }
    runner.join();
    if (timed_out) {
        result.error = Error(ErrorKind::TIMEOUT,
                             "task " + task.id + " took longer than its timeout of " +
                                 fmt::format("{:g}", task.timeout.count() / 1000.0) + " s",
                             "raise the task's timeout or look in its log for what it was waiting for");
    } else if (failure) {
        result.error = ToError(failure, task.id);
    } else {
        result.outcome = std::move(outcome);
    }
    return result;
}

std::chrono::milliseconds RetryDelay(const Task& task, int failed_attempts) {
    auto delay = task.retry_delay;
    if (task.exponential_backoff) {
        for (int i = 1; i < failed_attempts && delay < task.max_retry_delay; ++i) {
            delay *= 2;
        }
        delay = std::min(delay, task.max_retry_delay);
    }
    return delay;
}

}  // namespace

void RequireTask(const std::vector<Task>& tasks, const std::string& task_id) {
    std::string known;
    for (const auto& t : tasks) {
        if (t.id == task_id) {
            return;
        }
        known += (known.empty() ? "" : ", ") + t.id;
    }
    throw Error(ErrorKind::INVALID_INPUT, "the pipeline has no task '" + task_id + "'", "tasks: " + known);
}

void ValidateDag(const std::vector<Task>& tasks) {
    std::map<std::string, const Task*> by_id;
    for (const auto& t : tasks) {
        if (t.id.empty() || !by_id.emplace(t.id, &t).second) {
            throw Error(ErrorKind::INVALID_INPUT, "the DAG has two tasks named '" + t.id + "'",
                        "give every task its own id");
        }
    }
    for (const auto& t : tasks) {
        for (const auto& d : t.depends_on) {
            if (!by_id.count(d)) {
                throw Error(ErrorKind::INVALID_INPUT, "task " + t.id + " depends on unknown task '" + d + "'",
                            "fix the task's depends_on");
            }
        }
    }
    // Kahn's algorithm: whatever remains has a cycle.
    std::map<std::string, int> pending;
    for (const auto& t : tasks) {
        pending[t.id] = static_cast<int>(t.depends_on.size());
    }
    std::vector<std::string> ready;
    for (const auto& [id, n] : pending) {
        if (n == 0) {
            ready.push_back(id);
        }
    }
    size_t seen = 0;
    while (!ready.empty()) {
        std::string id = ready.back();
        ready.pop_back();
        ++seen;
        for (const auto& t : tasks) {
            if (std::find(t.depends_on.begin(), t.depends_on.end(), id) != t.depends_on.end() &&
                --pending[t.id] == 0) {
                ready.push_back(t.id);
            }
        }
    }
    if (seen != tasks.size()) {
        std::string members;
        for (const auto& [id, n] : pending) {
            if (n > 0) {
                members += (members.empty() ? "" : ", ") + id;
            }
        }
        throw Error(ErrorKind::INVALID_INPUT, "the DAG has a cycle through " + members,
                    "remove one of the dependencies of the cycle");
    }
}

RunState ExecuteDag(const std::vector<Task>& tasks, RunRecord& run, const ExecutorOptions& options,
                    std::stop_token stop) {
    ValidateDag(tasks);
    Clock& clock = options.clock ? *options.clock : SystemClock();
    std::mutex mutex;  // guards run, running, finished
    std::condition_variable_any changed;
    for (const auto& t : tasks) {
        if (!run.FindTask(t.id)) {
            TaskRecord rec;
            rec.task_id = t.id;
            rec.depends_on = t.depends_on;
            rec.log = RunStore::TaskLogRelative(run.run_id, t.id);
            run.tasks.push_back(std::move(rec));
        }
    }
    auto notify = [&] {  // mutex held; a failure to record a state must not stop the run
        if (!options.on_change) {
            return;
        }
        try {
            options.on_change(run);
        } catch (const std::exception& e) {
            spdlog::warn("run {}: state change not recorded: {}", run.run_id, e.what());
        }
    };
    auto log = [&](const std::string& task_id, std::string_view line) {
        if (options.log) {
            options.log(task_id, line);
        }
    };
    {
        std::lock_guard lock(mutex);
        notify();
    }

    int running = 0;
    std::set<std::string> busy_pools;  // pools with a running task
    std::vector<std::jthread> workers;
    auto worker_body = [&](const Task* task, std::stop_token worker_stop) {
        int failed = 0;
        std::optional<Error> last_error;
        for (int attempt = 1;; ++attempt) {
            {
                std::lock_guard lock(mutex);
                TaskRecord* rec = run.FindTask(task->id);
                rec->state = TaskState::RUNNING;
                rec->attempts = attempt;
                if (!rec->started_at) {
                    rec->started_at = clock.Now();
                }
                notify();
            }
            log(task->id, "attempt " + std::to_string(attempt) + " of " + std::to_string(task->retries + 1) +
                              " (logical date " + run.logical_date + ")");
            TaskContext ctx(run.logical_date, attempt, worker_stop, clock,
                            [&, id = task->id](std::string_view line) { log(id, line); });
            AttemptResult result = RunAttempt(*task, ctx, worker_stop);
            if (result.outcome) {
                std::lock_guard lock(mutex);
                TaskRecord* rec = run.FindTask(task->id);
                rec->state = TaskState::SUCCESS;
                rec->ended_at = clock.Now();
                rec->rows_in = result.outcome->rows_in;
                rec->rows_out = result.outcome->rows_out;
                rec->error.clear();
                log(task->id, "success: " + std::to_string(rec->rows_in) + " rows in, " +
                                  std::to_string(rec->rows_out) + " rows out");
                notify();
                return;
            }
            ++failed;
            const Error& e = *result.error;
            last_error = e;
            bool may_retry = (e.Retryable() || task->retry_all_failures) && attempt <= task->retries &&
                             !worker_stop.stop_requested();
            log(task->id, std::string("attempt ") + std::to_string(attempt) + " failed (" +
                              std::string(KindName(e.Kind())) + "): " + e.OneLine());
            if (!may_retry) {
                break;
            }
            auto delay = RetryDelay(*task, failed);
            {
                std::lock_guard lock(mutex);
                TaskRecord* rec = run.FindTask(task->id);
                rec->state = TaskState::UP_FOR_RETRY;
                rec->error = e.OneLine();
                notify();
            }
            log(task->id, "retrying in " + fmt::format("{:g}", delay.count() / 1000.0) + " s");
            if (!clock.SleepFor(delay, worker_stop)) {
                log(task->id, "stop requested while waiting for the retry");
                break;
            }
        }
        RunRecord snapshot;
        TaskRecord failed_record;
        {
            std::lock_guard lock(mutex);
            TaskRecord* rec = run.FindTask(task->id);
            rec->state = TaskState::FAILED;
            rec->ended_at = clock.Now();
            rec->error = last_error ? last_error->OneLine() : "stopped";
            spdlog::error("task {} failed for good after {} attempt(s): {}", task->id, rec->attempts, rec->error);
            notify();
            snapshot = run;
            failed_record = *rec;
        }
        if (options.on_task_failed && last_error) {
            try {
                options.on_task_failed(snapshot, failed_record, *last_error);
            } catch (const std::exception& ex) {
                spdlog::warn("the failure of task {} could not be reported: {}", task->id, ex.what());
            }
        }
    };

    std::stop_source stop_all;
    std::stop_callback forward(stop, [&] { stop_all.request_stop(); });
    std::unique_lock lock(mutex);
    while (true) {
        // Skip dependants of failed or skipped tasks, transitively.
        bool progress = true;
        while (progress) {
            progress = false;
            for (const auto& t : tasks) {
                TaskRecord* rec = run.FindTask(t.id);
                if (rec->state != TaskState::QUEUED) {
                    continue;
                }
                bool blocked = stop_all.stop_requested();
                for (const auto& d : t.depends_on) {
                    auto s = run.FindTask(d)->state;
                    blocked = blocked || s == TaskState::FAILED || s == TaskState::SKIPPED;
                }
                if (blocked) {
                    rec->state = TaskState::SKIPPED;
                    progress = true;
                    log(t.id, "skipped: an upstream task failed or the run was stopped");
                    notify();
                }
            }
        }
        // Start every ready task, up to max_parallel.
        for (const auto& t : tasks) {
            if (running >= std::max(1, options.max_parallel)) {
                break;
            }
            TaskRecord* rec = run.FindTask(t.id);
            if (rec->state != TaskState::QUEUED) {
                continue;
            }
            bool ready = std::all_of(t.depends_on.begin(), t.depends_on.end(),
                                     [&](const std::string& d) { return run.FindTask(d)->state == TaskState::SUCCESS; });
            if (!ready || (!t.pool.empty() && busy_pools.count(t.pool))) {
                continue;
            }
            rec->state = TaskState::RUNNING;  // reserved; the worker records the attempt
            ++running;
            if (!t.pool.empty()) {
                busy_pools.insert(t.pool);
            }
            const Task* task = &t;
            workers.emplace_back([&, task](std::stop_token) {
                worker_body(task, stop_all.get_token());
                std::lock_guard done_lock(mutex);
                --running;
                busy_pools.erase(task->pool);
                changed.notify_all();
            });
        }
        bool pending = std::any_of(run.tasks.begin(), run.tasks.end(), [](const TaskRecord& r) {
            return r.state == TaskState::QUEUED;
        });
        if (running == 0 && !pending) {
            break;
        }
        changed.wait(lock);
    }
    lock.unlock();
    workers.clear();  // joins
    bool all_ok = std::all_of(tasks.begin(), tasks.end(),
                              [&](const Task& t) { return run.FindTask(t.id)->state == TaskState::SUCCESS; });
    return all_ok ? RunState::SUCCESS : RunState::FAILED;
}

}  // namespace hf::pipeline

#include "pipeline/background_run.h"

#include <spdlog/spdlog.h>

#include <unistd.h>

#include "pipeline/cron.h"
#include "pipeline/daily_dag.h"
#include "pipeline/executor.h"

namespace hf::pipeline {

namespace {

// How long Start waits for a run of this process that is ending (its record about to say so, its
// lock not yet released) before it answers CONFLICT.
constexpr std::chrono::seconds kEndingGrace{3};

// Runs an optional hook of the hosting process; its failure is logged, never the run's.
void CallHook(const std::function<void()>& hook, const std::string& what) {
    if (!hook) {
        return;
    }
    try {
        hook();
    } catch (const std::exception& e) {
        spdlog::error("{}: {}", what, e.what());
    }
}

} // namespace

BackgroundRuns::~BackgroundRuns() {
    Shutdown();
}

void BackgroundRuns::Shutdown() {
    std::lock_guard lock(start_mutex_);
    shut_down_ = true;
    if (worker_.joinable()) {
        worker_.request_stop();
        worker_.join();
    }
}

void BackgroundRuns::SetOnFinished(std::function<void(const RunRecord&)> on_finished) {
    std::lock_guard lock(state_mutex_);
    on_finished_ = std::move(on_finished);
}

void BackgroundRuns::SetAroundRun(std::function<void()> before, std::function<void()> after) {
    std::lock_guard lock(state_mutex_);
    before_run_ = std::move(before);
    after_run_ = std::move(after);
}

std::string BackgroundRuns::Current() const {
    std::lock_guard lock(state_mutex_);
    return current_;
}

bool BackgroundRuns::WaitFor(const std::string& run_id, std::stop_token stop) {
    std::unique_lock lock(state_mutex_);
    return ended_.wait(lock, stop, [&] { return current_ != run_id; });
}

std::string BackgroundRuns::Start(const std::string& logical_date, Trigger trigger) {
    RunRequest request;
    request.logical_date = logical_date;
    request.trigger = trigger;
    return Start(request);
}

std::string BackgroundRuns::Start(const RunRequest& request) {
    // A task run alone runs once: whoever asks for one task owns the retries (as `healthflow run --task`).
    Config config = request.only_task.empty() ? config_ : config_.With("pipeline.retries", "0");
    PipelineRunOptions options;
    options.logical_date = request.logical_date.empty() ? Today(SystemClock()) : CheckDate(request.logical_date);
    options.full_refresh = request.full_refresh;
    options.only_task = request.only_task;
    options.trigger = request.trigger;
    if (!request.only_task.empty()) {
        RequireTask(BuildDailyDag(config, request.full_refresh), request.only_task); // as RunPipeline would
    }

    std::lock_guard start_lock(start_mutex_);
    if (shut_down_) {
        throw Error(ErrorKind::CONFLICT, "this process is stopping: it starts no more pipeline runs",
                    "start the run again once the process has restarted");
    }
    {
        std::unique_lock lock(state_mutex_);
        // A run whose record is final may still be releasing its lock: give it a moment. A run
        // still going is a conflict at once.
        if (!current_.empty() && !(ending_ && ended_.wait_for(lock, kEndingGrace, [&] { return current_.empty(); }))) {
            throw Error(ErrorKind::CONFLICT,
                        "a pipeline run is already in progress on " + config.DataDir().string() + " (run " + current_ +
                            ", pid " + std::to_string(::getpid()) + ")",
                        "wait for it to finish (`healthflow runs` shows it), or pass --wait SECONDS to queue "
                        "behind it");
        }
    }
    if (worker_.joinable()) {
        worker_.join(); // its run has ended and released the lock
    }
    options.run_id = RunStore::NewRunId(SystemClock().Now(), request.trigger);
    options.lock = std::make_shared<RunLock>(
        RunLock::Acquire(config.DataDir(), "run " + options.run_id, std::chrono::milliseconds(0)));
    std::string run_id = options.run_id;
    std::function<void(const RunRecord&)> on_finished;
    std::function<void()> before_run;
    std::function<void()> after_run;
    {
        std::lock_guard lock(state_mutex_);
        current_ = run_id;
        ending_ = false;
        on_finished = on_finished_;
        before_run = before_run_;
        after_run = after_run_;
    }
    options.on_finished = [this, on_finished, run_id](const RunRecord& run) {
        {
            std::lock_guard lock(state_mutex_);
            ending_ = true;
        }
        if (!on_finished) {
            return;
        }
        try {
            on_finished(run);
        } catch (const std::exception& e) {
            spdlog::error("after run {}: {}", run_id, e.what());
        }
    };
    worker_ =
        std::jthread([this, config, options = std::move(options), before_run, after_run](std::stop_token stop) mutable {
            options.stop = stop;
            CallHook(before_run, "before run " + options.run_id);
            try {
                auto run = RunPipeline(config, options);
                spdlog::info("run {} ended: {}", run.run_id, RunStateName(run.state));
            } catch (const Error& e) {
                spdlog::error("run {} could not run: {}", options.run_id, e.OneLine());
            }
            CallHook(after_run, "after run " + options.run_id);
            options.lock.reset();
            {
                std::lock_guard lock(state_mutex_);
                current_.clear();
            }
            ended_.notify_all();
        });
    return run_id;
}

} // namespace hf::pipeline

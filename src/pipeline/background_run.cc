#include "pipeline/background_run.h"

#include <spdlog/spdlog.h>

#include "pipeline/cron.h"

namespace hf::pipeline {

BackgroundRuns::~BackgroundRuns() {
    std::lock_guard lock(mutex_);
    if (worker_.joinable()) {
        worker_.request_stop();
        worker_.join();
    }
}

std::string BackgroundRuns::Start(const std::string& logical_date, Trigger trigger) {
    PipelineRunOptions options;
    options.logical_date = logical_date.empty() ? Today(SystemClock()) : CheckDate(logical_date);
    options.trigger = trigger;
    options.run_id = RunStore::NewRunId(SystemClock().Now(), trigger);
    options.lock = std::make_shared<RunLock>(
        RunLock::Acquire(config_.DataDir(), "run " + options.run_id, std::chrono::milliseconds(0)));
    std::lock_guard lock(mutex_);
    if (worker_.joinable()) {
        worker_.join();  // the previous run has released the lock: it is ending
    }
    std::string run_id = options.run_id;
    worker_ = std::jthread([config = config_, options = std::move(options)](std::stop_token stop) mutable {
        options.stop = stop;
        try {
            auto run = RunPipeline(config, options);
            spdlog::info("run {} ended: {}", run.run_id, RunStateName(run.state));
        } catch (const Error& e) {
            spdlog::error("run {} could not run: {}", options.run_id, e.OneLine());
        }
    });
    return run_id;
}

}  // namespace hf::pipeline

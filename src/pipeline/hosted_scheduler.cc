#include "pipeline/hosted_scheduler.h"

#include <spdlog/spdlog.h>

#include "common/error.h"
#include "pipeline/run_record.h"
#include "pipeline/scheduler.h"

namespace hf::pipeline {

namespace {

constexpr std::chrono::hours kMaxLockWait{1};
constexpr std::chrono::seconds kLockRetry{5};

} // namespace

std::optional<Instant> LastScheduledRun(const std::filesystem::path& data_dir) {
    std::optional<Instant> last;
    for (const auto& r : RunStore(data_dir).List()) {
        if (r.trigger == Trigger::SCHEDULE && r.started_at) {
            last = *r.started_at;
        }
    }
    return last;
}

HostedScheduler::HostedScheduler(const Config& config, BackgroundRuns& runs, Clock* clock)
    : data_dir_(config.DataDir()), cron_(CronExpression::Parse(config.Get("pipeline.schedule"))),
      timezone_(config.Get("pipeline.timezone")), catch_up_(config.GetBool("pipeline.catch_up")), runs_(runs),
      clock_(clock ? *clock : SystemClock()) {}

HostedSchedulerStatus HostedScheduler::Status() const {
    std::lock_guard lock(mutex_);
    return {cron_.Text(), timezone_, next_run_};
}

std::string HostedScheduler::StartSlot(const std::string& logical_date, std::stop_token stop) {
    RunRequest request;
    request.logical_date = logical_date;
    request.trigger = Trigger::SCHEDULE;
    Instant deadline = clock_.Now() + kMaxLockWait;
    while (true) {
        try {
            return runs_.Start(request);
        } catch (const Error& e) {
            if (e.Kind() != ErrorKind::CONFLICT || clock_.Now() >= deadline) {
                throw;
            }
            spdlog::info("scheduled run of {} waits: {}", logical_date, e.Message());
        }
        if (!clock_.SleepFor(kLockRetry, stop)) {
            return "";
        }
    }
}

int HostedScheduler::Run(std::stop_token stop) {
    SchedulerOptions options;
    options.clock = &clock_;
    options.catch_up = catch_up_;
    options.last_fired = LastScheduledRun(data_dir_);
    options.on_next = [this](Instant next) {
        std::lock_guard lock(mutex_);
        next_run_ = next;
    };
    options.fire = [this, stop](Instant, const std::string& logical_date) {
        std::string run_id = StartSlot(logical_date, stop);
        if (!run_id.empty()) {
            spdlog::info("scheduled run {} started (logical date {})", run_id, logical_date);
            runs_.WaitFor(run_id, stop);
        }
    };
    spdlog::info("scheduler: '{}' in {}{}", cron_.Text(), timezone_, catch_up_ ? ", catching up missed runs" : "");
    return RunScheduler(cron_, options, stop);
}

} // namespace hf::pipeline

#include "pipeline/scheduler.h"

#include <spdlog/spdlog.h>

#include "common/error.h"

namespace hf::pipeline {

int RunScheduler(const CronExpression& cron, const SchedulerOptions& options, std::stop_token stop) {
    Clock& clock = options.clock ? *options.clock : SystemClock();
    Instant cursor = options.catch_up && options.last_fired ? *options.last_fired : clock.Now();
    int fires = 0;
    while (!stop.stop_requested() && (options.max_fires < 0 || fires < options.max_fires)) {
        Instant next = cron.NextAfter(cursor);
        if (options.on_next) {
            options.on_next(next);
        }
        if (next > clock.Now()) {
            spdlog::info("next run at {} ({})", LocalTimeText(next), FormatInstant(next));
            if (!clock.SleepUntil(next, stop)) {
                break;
            }
        } else {
            spdlog::info("catching up the run of {}", LocalTimeText(next));
        }
        cursor = next;
        ++fires;
        try {
            options.fire(next, LocalDate(next));
        } catch (const Error& e) {
            spdlog::error("scheduled run of {} failed to start: {}", LocalTimeText(next), e.OneLine());
        }
    }
    return fires;
}

}  // namespace hf::pipeline

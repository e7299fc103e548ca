#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include <pthread.h>

#include "cli/cli_context.h"
#include "cli/handoff.h"
#include "common/fs.h"
#include "pipeline/airflow_dag.h"
#include "pipeline/cron.h"
#include "pipeline/hosted_scheduler.h"
#include "pipeline/pipeline_run.h"
#include "pipeline/scheduler.h"

namespace hf::cli {

namespace {

// Blocks SIGINT and SIGTERM in every thread and turns them into a stop request. Call before
// any thread starts; the watcher thread lives as long as the returned object.
class SignalStop {
public:
    SignalStop() {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
        watcher_ = std::jthread([this](std::stop_token) {
            int sig = 0;
            sigwait(&set_, &sig);
            if (!exiting_ && (sig == SIGINT || sig == SIGTERM)) {
                std::fprintf(stderr, "stopping (signal %d): the run in progress finishes first\n", sig);
                source_.request_stop();
            }
        });
    }
    ~SignalStop() {
        if (!source_.stop_requested()) {
            exiting_ = true;
            pthread_kill(watcher_.native_handle(), SIGTERM);
        }
    }
    std::stop_token Token() const { return source_.get_token(); }

private:
    sigset_t set_{};
    std::stop_source source_;
    std::atomic<bool> exiting_ = false;
    std::jthread watcher_;
};

// Runs the pipeline once for `date`, here or in `server` (hand-off); prints one line; 0 on success.
int RunOne(const Config& config, const std::string& date, pipeline::Trigger trigger, std::chrono::milliseconds wait,
           const std::optional<serve::ServerAnnouncement>& server = std::nullopt) {
    pipeline::RunRecord run;
    if (server) {
        HandOffRequest request;
        request.logical_date = date;
        request.trigger = trigger;
        request.wait = wait;
        run = HandOffRun(config, *server, request);
    } else {
        pipeline::PipelineRunOptions options;
        options.logical_date = date;
        options.trigger = trigger;
        options.lock_wait = wait;
        run = pipeline::RunPipeline(config, options);
    }
    std::printf("%s %s %s\n", run.run_id.c_str(), run.logical_date.c_str(),
                std::string(pipeline::RunStateName(run.state)).c_str());
    std::fflush(stdout);
    return run.state == pipeline::RunState::SUCCESS ? 0 : 1;
}

}  // namespace

void RegisterScheduleCommands(CLI::App& app, CliContext& ctx) {
    struct SchedOpts {
        std::string cron;
        std::string timezone;
        bool catch_up = false;
        int max_runs = -1;
    };
    auto so = std::make_shared<SchedOpts>();
    auto* sched = app.add_subcommand("scheduler", "Run the daily pipeline on a cron schedule until stopped");
    sched->footer("Cron: 5 fields (minute hour day-of-month month day-of-week) with lists, ranges, steps and names, "
                  "or @hourly, @daily, @weekly, @monthly, @yearly; evaluated in the time zone (a time skipped or "
                  "repeated by a DST change fires once). Missed slots are not run unless --catch-up. Each slot is "
                  "one run with trigger `schedule` and the slot's local date as logical date. Stops on Ctrl-C or "
                  "SIGTERM after the run in progress. While `healthflow serve` holds the warehouse, the server hosts "
                  "the scheduler instead (`healthflow serve --scheduler`).");
    sched->add_option("--cron", so->cron, "Schedule (default pipeline.schedule)");
    sched->add_option("--timezone", so->timezone, "IANA time zone (default pipeline.timezone)");
    sched->add_flag("--catch-up", so->catch_up,
                    "Run the slots missed since the last scheduled run first (setting pipeline.catch_up)");
    sched->add_option("--max-runs", so->max_runs, "Stop after this many runs (default: never)");
    sched->callback([&ctx, so] {
        const Config& config = ctx.GetConfig();
        if (auto server = HandOffTarget(config, false)) {
            if (server->scheduler) {
                std::printf(
                    "the dashboards' server (pid %ld) already hosts the scheduler ('%s' in %s): nothing to do\n",
                    server->pid, server->schedule.c_str(), server->timezone.c_str());
                return;
            }
            throw Error(ErrorKind::CONFLICT,
                        "the dashboards' server (pid " + std::to_string(server->pid) + ") holds the warehouse of " +
                            config.DataDir().string() + ": a scheduler in another process could not run its runs",
                        "let the server host the scheduler: restart it as `healthflow serve --scheduler` (or set "
                        "serve.scheduler: true)");
        }
        auto cron = pipeline::CronExpression::Parse(so->cron.empty() ? config.Get("pipeline.schedule") : so->cron);
        pipeline::UseTimeZone(so->timezone.empty() ? config.Get("pipeline.timezone") : so->timezone);
        SignalStop stop;
        pipeline::SchedulerOptions options;
        options.catch_up = so->catch_up || config.GetBool("pipeline.catch_up");
        options.max_fires = so->max_runs;
        options.last_fired = pipeline::LastScheduledRun(config.DataDir());
        std::chrono::milliseconds wait(static_cast<long long>(config.GetDouble("pipeline.lock_wait_seconds") * 1000));
        options.fire = [&config, wait](pipeline::Instant, const std::string& date) {
            RunOne(config, date, pipeline::Trigger::SCHEDULE, std::max(wait, std::chrono::milliseconds(3'600'000)));
        };
        std::printf("scheduler: '%s' in %s%s\n", cron.Text().c_str(),
                    (so->timezone.empty() ? config.Get("pipeline.timezone") : so->timezone).c_str(),
                    options.catch_up ? ", catching up missed runs" : "");
        std::fflush(stdout);
        pipeline::RunScheduler(cron, options, stop.Token());
    });

    struct BackfillOpts {
        std::string from;
        std::string to;
        bool no_handoff = false;
    };
    auto bo = std::make_shared<BackfillOpts>();
    auto* backfill = app.add_subcommand("backfill", "Run the pipeline once per logical date, oldest first");
    backfill->footer("One run per date from --from to --to included, trigger `backfill`. The extraction takes the "
                     "source as it is now (the operational database has no past states), so each run brings the "
                     "warehouse up to date; the runs record the dates. Exits 1 when a run failed. While `healthflow "
                     "serve` holds the warehouse, each run is handed to it (see --no-handoff).");
    backfill->add_option("--from", bo->from, "First logical date YYYY-MM-DD")->required();
    backfill->add_option("--to", bo->to, "Last logical date YYYY-MM-DD")->required();
    backfill->add_flag("--no-handoff", bo->no_handoff,
                       "Never hand the runs to a running `healthflow serve` (setting pipeline.handoff)");
    backfill->callback([&ctx, bo] {
        const Config& config = ctx.GetConfig();
        pipeline::UseTimeZone(config.Get("pipeline.timezone"));
        std::string from = pipeline::CheckDate(bo->from);
        std::string to = pipeline::CheckDate(bo->to);
        if (to < from) {
            throw Error(ErrorKind::INVALID_INPUT, "backfill: --to " + to + " is before --from " + from,
                        "give the dates oldest first");
        }
        std::chrono::milliseconds wait(static_cast<long long>(config.GetDouble("pipeline.lock_wait_seconds") * 1000));
        auto server = HandOffTarget(config, bo->no_handoff);
        int failed = 0;
        for (std::string d = from; d <= to; d = pipeline::NextDate(d)) {
            failed += RunOne(config, d, pipeline::Trigger::BACKFILL, wait, server);
        }
        if (failed > 0) {
            std::fprintf(stderr, "error: %d backfill run(s) failed (see `healthflow runs`)\n", failed);
            throw CLI::RuntimeError(1);
        }
    });

    struct AirflowOpts {
        std::string output;
        pipeline::AirflowDagOptions dag;
    };
    auto ao = std::make_shared<AirflowOpts>();
    auto* airflow = app.add_subcommand("airflow-dag", "Write an Airflow 2 DAG that runs the pipeline task by task");
    airflow->footer("One BashOperator per task calling `healthflow run --task <id> --date <logical date>`, with the "
                    "pipeline's dependencies, retries, retry delay, timeout, schedule and time zone, catchup=False.");
    airflow->add_option("-o,--output", ao->output, "File to write (default: standard output)");
    airflow->add_option("--healthflow", ao->dag.healthflow, "Command the tasks run (path of the binary)")
        ->capture_default_str();
    airflow->add_option("--dag-id", ao->dag.dag_id, "Airflow DAG id")->capture_default_str();
    airflow->add_option("--cron", ao->dag.schedule, "Schedule (default pipeline.schedule)");
    airflow->add_option("--timezone", ao->dag.timezone, "Time zone (default pipeline.timezone)");
    airflow->add_option("--start-date", ao->dag.start_date, "Airflow start_date YYYY-MM-DD")->capture_default_str();
    airflow->callback([&ctx, ao] {
        const Config& config = ctx.GetConfig();
        std::string text = pipeline::RenderAirflowDag(config, ao->dag);
        if (ao->output.empty()) {
            std::printf("%s", text.c_str());
            return;
        }
        WriteFileAtomic(ao->output, text).Check();
        std::fprintf(stderr, "wrote %s\n", ao->output.c_str());
    });
}

}  // namespace hf::cli

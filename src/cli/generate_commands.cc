#include <cstdio>
#include <memory>
#include <string>

#include "cli/cli_context.h"
#include "source/generator/calendar.h"
#include "source/generator/generator.h"
#include "source/source_database.h"

namespace hf::cli {

namespace {

struct GenerateArgs {
    double scale = 0.0;
    long long seed = 0;
    std::string as_of;
    int history_days = 0;
    bool reset = false;
};

void RunGenerate(CliContext& ctx, const GenerateArgs& args, bool scale_given, bool seed_given, bool history_given) {
    const Config& config = ctx.GetConfig();
    source::generator::GenerateOptions options;
    options.scale = scale_given ? args.scale : config.GetDouble("generator.scale");
    options.seed = static_cast<uint64_t>(seed_given ? args.seed : config.GetInt("generator.seed"));
    options.history_days =
        history_given ? args.history_days : static_cast<int>(config.GetInt("generator.history_days"));
    options.as_of_day = args.as_of.empty() ? source::generator::TodayLocal() : source::generator::ParseDay(args.as_of);
    options.reset = args.reset;
    source::generator::ValidateOptions(options);
    const bool quiet = ctx.Globals().quiet;
    if (!quiet) {
        options.progress = [](const source::generator::LoadProgress& p) {
            std::fprintf(stderr, "\r%-20s %10lld rows %5.1f %% %10.0f rows/s", p.table.c_str(), p.rows,
                         100.0 * p.fraction, p.rows_per_second);
            if (p.fraction >= 1.0) {
                std::fprintf(stderr, "\n");
            }
        };
    }
    auto conn = source::ConnectSource(config);
    const auto summary = source::generator::Generate(conn, options);
    if (quiet) {
        return;
    }
    std::printf("generated a hospital of %d beds (scale %g, seed %lld, as of %s 06:00, %d days of history) in %.2f s\n",
                summary.beds, options.scale, static_cast<long long>(options.seed),
                source::generator::FormatDay(options.as_of_day).c_str(), options.history_days, summary.seconds);
    for (const auto& [table, rows] : summary.rows) {
        std::printf("  %-20s %10lld rows\n", table.c_str(), rows);
    }
    std::printf("  stays in progress    %10lld\n  arrivals turned away %10lld (every bed taken)\n",
                summary.totals.in_progress, summary.totals.refused_full);
}

}  // namespace

void RegisterGenerateCommands(CLI::App& app, CliContext& ctx) {
    auto args = std::make_shared<GenerateArgs>();
    auto* cmd = app.add_subcommand(
        "generate",
        "Fill the operational database with a synthetic hospital: 8 services, patients, a day-by-day simulated "
        "history of admissions within bed capacity, and pharmacy stocks (one transaction)");
    auto* scale = cmd->add_option("--scale", args->scale,
                                  "Size factor: 1 = 218 beds and 150 medications; multiplies beds, patients and "
                                  "medications (default: generator.scale)");
    auto* seed = cmd->add_option("--seed", args->seed, "Seed: the same seed, scale and as-of date give identical tables "
                                                       "(default: generator.seed)");
    cmd->add_option("--as-of", args->as_of, "The hospital's today, YYYY-MM-DD; the clock is set to 06:00 (default: today)");
    auto* history = cmd->add_option("--history-days", args->history_days,
                                    "Days of simulated history before the as-of date (default: generator.history_days)");
    cmd->add_flag("--reset", args->reset, "Empty the tables first if they hold data (same transaction)");
    cmd->callback([&ctx, args, scale, seed, history] {
        RunGenerate(ctx, *args, scale->count() > 0, seed->count() > 0, history->count() > 0);
    });
}

}  // namespace hf::cli

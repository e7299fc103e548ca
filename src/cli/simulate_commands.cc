#include <cstdio>
#include <memory>

#include "cli/cli_context.h"
#include "source/simulator/simulator.h"
#include "source/source_database.h"

namespace hf::cli {

namespace {

struct SimulateArgs {
    int days = 1;
    long long seed = 0;
};

void PrintDay(const source::simulator::DayReport& d) {
    std::printf("%s  +%lld admissions  -%lld discharges  census %lld/%lld (%.1f %%)  %lld refused  "
                "changes %lld address %lld mutuelle  deleted %lld patients (%lld stays)  "
                "stock alerts %lld (orders %lld, deliveries %lld, prices %lld)\n",
                d.day.c_str(), d.admissions, d.discharges, d.census, d.beds,
                d.beds > 0 ? 100.0 * static_cast<double>(d.census) / static_cast<double>(d.beds) : 0.0,
                d.refused_full, d.address_changes, d.mutuelle_changes, d.deleted_patients, d.deleted_admissions,
                d.stock_alerts, d.orders, d.deliveries, d.price_changes);
    std::fflush(stdout);
}

}  // namespace

void RegisterSimulateCommands(CLI::App& app, CliContext& ctx) {
    auto args = std::make_shared<SimulateArgs>();
    auto* cmd = app.add_subcommand(
        "simulate",
        "Advance the generated hospital day by day from its clock: discharges, admissions within capacity, "
        "patient changes and erasures, pharmacy consumption and deliveries (one transaction per day)");
    cmd->add_option("--days", args->days, "Days to simulate")->required()->check(CLI::Range(1, 3660));
    auto* seed = cmd->add_option("--seed", args->seed, "Seed (default: the seed the hospital was generated with)");
    cmd->callback([&ctx, args, seed] {
        source::simulator::SimulateOptions options;
        options.days = args->days;
        if (seed->count() > 0) {
            options.seed = static_cast<uint64_t>(args->seed);
        }
        if (!ctx.Globals().quiet) {
            options.on_day = PrintDay;
        }
        auto conn = source::ConnectSource(ctx.GetConfig());
        source::simulator::Simulate(conn, options);
    });
}

}  // namespace hf::cli

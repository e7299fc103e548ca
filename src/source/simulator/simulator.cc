#include "source/simulator/simulator.h"

#include "common/resources.h"
#include "source/generator/calendar.h"
#include "source/migrations.h"
#include "source/simulator/day_context.h"

HF_DECLARE_RESOURCE_BUNDLE(source_sql)

namespace hf::source::simulator {

namespace {

constexpr uint64_t kSimulationStream = 0x53494d55;  // "SIMU"

}  // namespace

std::string SimulationSql(const std::string& name) {
    return std::string(resources::bundles::source_sql().Get("simulation/" + name));
}

std::string ArrayLiteral(const std::vector<std::string>& items) {
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) {
            out.push_back(',');
        }
        out.push_back('"');
        for (char c : items[i]) {
            if (c == '"' || c == '\\') {
                out.push_back('\\');
            }
            out.push_back(c);
        }
        out.push_back('"');
    }
    out.push_back('}');
    return out;
}

void Simulate(pg::Connection& conn, const SimulateOptions& options) {
    if (options.days < 1 || options.days > 3660) {
        throw Error(ErrorKind::INVALID_INPUT, "invalid number of days " + std::to_string(options.days),
                    "--days must be between 1 and 3660");
    }
    conn.Exec("SET client_min_messages = warning");
    ApplyMigrations(conn);
    for (int i = 0; i < options.days; ++i) {
        DayReport report;
        pg::WithTransaction(conn, [&] {
            conn.Exec("SET LOCAL TIME ZONE 'Europe/Paris'");
            auto clock = conn.Exec("SELECT instant::text, graine FROM horloge_simulation FOR UPDATE");
            const bool generated = clock.Rows() == 1 && conn.Exec("SELECT EXISTS (SELECT 1 FROM services)").Get(0, 0) == "t";
            if (!generated) {
                throw Error(ErrorKind::NOT_FOUND, "the operational database holds no generated hospital (no clock or no services)",
                            "run `healthflow generate` first");
            }
            const int64_t start = generator::ParseMinute(std::string(clock.Get(0, 0)));
            const uint64_t seed = options.seed ? *options.seed : static_cast<uint64_t>(clock.GetInt(0, 1));
            generator::Rng rng(generator::DeriveSeed(seed, kSimulationStream, static_cast<uint64_t>(start)));
            DayContext day{conn, rng, seed, start, start + generator::kMinutesPerDay, report};
            report.day = generator::FormatDay(start / generator::kMinutesPerDay);
            // Changes of the day are stamped with the instant the day ends.
            conn.ExecParams("UPDATE horloge_simulation SET instant = $1", {generator::FormatMinute(day.end)});
            RunCensusDay(day);
            RunPatientChanges(day);
            RunPharmacyDay(day);
        });
        if (options.on_day) {
            options.on_day(report);
        }
    }
}

}  // namespace hf::source::simulator

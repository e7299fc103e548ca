#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "pg/connection.h"

namespace hf::source::simulator {

// What happened in the hospital during one simulated day (06:00 to 06:00 the next day).
struct DayReport {
    std::string day;             // YYYY-MM-DD of the day that starts at 06:00
    long long admissions = 0;
    long long discharges = 0;
    long long refused_full = 0;  // arrivals turned away because every bed was taken
    long long census = 0;        // in house at the end of the day
    long long beds = 0;
    long long address_changes = 0;
    long long mutuelle_changes = 0;
    long long deleted_patients = 0;
    long long deleted_admissions = 0;  // removed with them by the cascade
    long long stock_alerts = 0;        // medications at or below their threshold at the end
    long long orders = 0;
    long long deliveries = 0;
    long long price_changes = 0;
};

// How to simulate.
struct SimulateOptions {
    int days = 1;
    std::optional<uint64_t> seed;  // default: the seed the hospital was generated with
    std::function<void(const DayReport&)> on_day;
};

// Advances the hospital day by day from horloge_simulation.instant: discharges (hazard of the
// service's length-of-stay law given the time already spent, so no hidden state), admissions
// within capacity, address and mutuelle changes, erasure of a few patients, pharmacy
// consumption, orders and deliveries, price changes. One transaction per day; the rows changed
// are stamped with the hospital clock. Deterministic for a seed and a starting state.
// NOT_FOUND when the database was never generated. Uses `conn` exclusively.
void Simulate(pg::Connection& conn, const SimulateOptions& options);

}  // namespace hf::source::simulator

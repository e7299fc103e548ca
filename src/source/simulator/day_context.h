#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pg/connection.h"
#include "source/generator/random.h"
#include "source/simulator/simulator.h"

namespace hf::source::simulator {

// What the steps of one simulated day share: the connection (inside the day's transaction),
// the day's random stream, the window [start, end) as minute numbers and the report being
// filled. Borrowed references; lives for one day; not thread-safe.
struct DayContext {
    pg::Connection& conn;
    generator::Rng& rng;
    uint64_t seed = 0;
    int64_t start = 0;
    int64_t end = 0;
    DayReport& report;
};

// Text of an embedded simulation query (src/source/sql/simulation/<name>).
std::string SimulationSql(const std::string& name);
// PostgreSQL array literal of text elements: {"a","b"}.
std::string ArrayLiteral(const std::vector<std::string>& items);

// Discharges and admissions of the day, within bed capacity. Fills admissions, discharges,
// refused_full, census and beds.
void RunCensusDay(DayContext& day);
// Address and mutuelle changes and erasures (right to be forgotten).
void RunPatientChanges(DayContext& day);
// Consumption tied to activity (census / beds), deliveries, orders at the reorder point,
// price changes. Fills the stock counters of the report.
void RunPharmacyDay(DayContext& day);

}  // namespace hf::source::simulator

#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pg/connection.h"
#include "source/generator/hospital_history.h"

namespace hf::source::generator {

// Where a table's bulk load stands, for progress lines.
struct LoadProgress {
    std::string table;
    long long rows = 0;
    double fraction = 0.0;  // 0-1
    double rows_per_second = 0.0;
};

// What to generate.
struct GenerateOptions {
    uint64_t seed = 42;
    double scale = 1.0;
    int64_t as_of_day = 0;  // day number; the clock is set to that day 06:00
    int history_days = 365;
    bool reset = false;     // empty non-empty tables first (same transaction)
    std::function<void(const LoadProgress&)> progress;  // called about twice a second
};

// Rows written per table and the census figures of the run.
struct GenerationSummary {
    std::vector<std::pair<std::string, long long>> rows;  // table, rows
    HistoryTotals totals;
    int beds = 0;
    double seconds = 0.0;
};

// Fills the operational database with a synthetic hospital: services, patients, admissions,
// stocks; sets the sequences and the hospital clock. Everything happens in one transaction
// (with secondary indexes and foreign keys rebuilt after the COPY), so a failure leaves the
// tables as they were. Refuses (CONFLICT) non-empty tables unless options.reset.
// Validates options (INVALID_INPUT). Uses `conn` exclusively for the duration.
GenerationSummary Generate(pg::Connection& conn, const GenerateOptions& options);

// Checks scale > 0 and history_days in 1..3660; throws INVALID_INPUT otherwise.
void ValidateOptions(const GenerateOptions& options);

}  // namespace hf::source::generator

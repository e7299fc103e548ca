#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "common/config.h"
#include "lake/layout.h"
#include "lake/manifest.h"
#include "lake/object_store.h"
#include "pg/connection.h"

namespace hf::extract {

// Full: every row of each table. Incremental: rows changed since the table's watermark, plus
// tombstones for deleted rows (a table without a watermark yet is extracted in full).
enum class ExtractMode { FULL, INCREMENTAL };

// "full" / "incremental".
std::string_view ModeName(ExtractMode mode);
// Parses "full" or "incremental"; throws INVALID_INPUT otherwise.
ExtractMode ParseMode(std::string_view name);

// The operational tables HealthFlow extracts, in dependency order.
const std::vector<std::string>& ExtractableTables();

// How far one table's extraction has gone, for progress display.
struct TableProgress {
    std::string table;
    uint64_t rows = 0;
    uint64_t bytes = 0;
    double seconds = 0;
    bool done = false;
};

// What an extraction should do. Plain value.
struct ExtractOptions {
    std::vector<std::string> tables;                        // empty: every extractable table
    ExtractMode mode = ExtractMode::INCREMENTAL;
    lake::FileFormat format = lake::FileFormat::CSV;
    std::chrono::milliseconds lock_timeout{60'000};         // wait for a running extraction; 0 refuses
    std::chrono::microseconds safety_margin{2'000'000};     // subtracted from the upper watermark
    // Called from the extracting thread about once a second per table, and when a table is done.
    std::function<void(const TableProgress&)> progress;
};

// What happened to one table.
struct TableResult {
    std::string table;
    ExtractMode mode = ExtractMode::FULL;
    bool first_incremental = false;   // incremental was asked but the table had no watermark yet
    uint64_t rows = 0;
    uint64_t tombstones = 0;
    uint64_t bytes = 0;
    double seconds = 0;
    std::string key;
};

// A published batch: its manifest (already in the lake) and per-table results.
struct ExtractionReport {
    lake::Manifest manifest;
    std::string manifest_key;
    std::vector<TableResult> tables;
    double seconds = 0;
};

// Extracts one batch from `source` into `lake`: every table read in one REPEATABLE READ READ
// ONLY transaction, each streamed through COPY into its data file, the manifest published
// after every data file and the watermarks (_state/extract_state.json) after the manifest.
// Two extractions on the same source or lake exclude each other (see ExtractLock). On any
// failure nothing of the batch stays visible: no data file, no manifest, watermarks unchanged.
// Throws hf::Error. Uses `source` exclusively for its duration.
ExtractionReport ExtractBatch(pg::Connection& source, lake::ObjectStore& lake, const ExtractOptions& options);

// Opens the configured source (retrying while it is unreachable, extract.connect_attempts
// times with exponential backoff) and lake, then runs ExtractBatch.
ExtractionReport RunExtraction(const Config& config, const ExtractOptions& options);

// Options with the configured defaults (lake.format, extract.lock_timeout_seconds,
// extract.safety_margin_seconds).
ExtractOptions OptionsFromConfig(const Config& config);

}  // namespace hf::extract

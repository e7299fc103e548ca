#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace hf::lake {

// The lake's key layout (docs/lake.md): where data files, manifests and the extraction state
// live. Pure functions, thread-safe.

// A point in time with microsecond precision, as used for batch instants and watermarks.
using Instant = std::chrono::sys_time<std::chrono::microseconds>;

// The three zones of the lake, in order: "bronze", "silver", "gold".
const std::vector<std::string>& Zones();

// File formats of extracted data.
enum class FileFormat { CSV, PARQUET };
// "csv" / "parquet".
std::string_view FormatName(FileFormat format);
// Parses "csv" or "parquet" (case-insensitive); throws INVALID_INPUT otherwise.
FileFormat ParseFormat(std::string_view name);

// "2026-11-28T18:00:05.123456Z".
std::string FormatIsoMicros(Instant instant);
// Parses the form written by FormatIsoMicros (fraction optional); throws INVALID_INPUT otherwise.
Instant ParseIsoMicros(std::string_view text);

// "20261128T180005Z_3fa91c07": the instant's second plus 8 lower-case hex random digits.
std::string NewBatchId(Instant instant);
// "20261128T180005Z_": the prefix every batch id of that second starts with.
std::string BatchIdSecondPrefix(Instant instant);
// True when `id` has the batch id shape.
bool IsBatchId(std::string_view id);

// "bronze/<table>/year=YYYY/month=MM/day=DD/<table>_<YYYYMMDD_HHMMSS>.<csv|parquet>".
std::string DataFileKey(std::string_view table, Instant instant, FileFormat format);
// "bronze/<table>/": every data file of a table.
std::string TablePrefix(std::string_view table);
// "bronze/_manifests/".
std::string ManifestPrefix();
// "bronze/_manifests/<batch_id>.json".
std::string ManifestKey(std::string_view batch_id);
// "_state/extract_state.json".
std::string ExtractStateKey();
// "_state/extract.lock".
std::string ExtractLockKey();

}  // namespace hf::lake

#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/warehouse.h"
#include "lake/object_store.h"
#include "lake/manifest.h"
#include "load/loader.h"
#include "load/staging_schema.h"

namespace hf::load {

// Everything a file loader needs. References only; the caller owns them.
struct FileLoadContext {
    lake::ObjectStore& lake;
    db::Warehouse& warehouse;
    const lake::Manifest& batch;
    const lake::ManifestFile& file;
    const std::vector<StagingColumn>& columns;  // StagingColumns(file.columns)
    const std::string& loaded_at;               // value of _loaded_at for every row
    const LoadOptions& options;
};

// What a file loader appended.
struct FileLoadOutcome {
    int64_t rows_loaded = 0;
    int64_t rows_rejected = 0;
};

// Appends a CSV data file's good rows to its staging table and its bad rows to
// staging.load_rejects, inside the caller's transaction. Throws DATA when the header does not
// match the manifest or the bytes read no longer match the manifest's SHA-256.
FileLoadOutcome LoadCsvFile(const FileLoadContext& ctx);

// Appends a Parquet data file's rows (read by DuckDB's read_parquet) to its staging table,
// inside the caller's transaction.
FileLoadOutcome LoadParquetFile(const FileLoadContext& ctx);

// Replaces invalid UTF-8 bytes with "\xNN" so the text can be stored; keeps at most
// `max_bytes` bytes (then appends "...").
std::string PrintableUtf8(std::string_view text, size_t max_bytes = 65536);

}  // namespace hf::load

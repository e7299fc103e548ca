#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "extract/extraction.h"
#include "lake/manifest.h"
#include "lake/object_store.h"
#include "pg/connection.h"

namespace hf::extract {

// What to extract from one table in a batch.
struct TablePlan {
    std::string table;
    std::vector<lake::ColumnSpec> columns;       // source columns, ordinal order
    std::optional<std::string> watermark_from;   // nullopt: full extraction
    std::string watermark_to;
};

// The audit values shared by every row of a batch.
struct BatchAudit {
    std::string extracted_at;   // ISO 8601 UTC with microseconds
    std::string batch_id;
    std::string source_system = "PostgreSQL_OLTP";
};

// The COPY ... TO STDOUT statement (CSV with header) that extracts `plan`, built from the
// embedded templates sql/copy_full.sql and sql/copy_incremental.sql.
std::string BuildCopySql(pg::Connection& conn, const TablePlan& plan, const BatchAudit& audit);

// Counts of a data file written by StreamTable.
struct StreamedFile {
    uint64_t rows = 0;          // data rows, header excluded
    uint64_t tombstones = 0;
    uint64_t bytes = 0;
    std::string sha256;
    double seconds = 0;
};

// Runs `copy_sql` and streams its output into `writer` in chunks of about 1 MiB (never the
// whole table in memory), hashing and counting as it goes; does not Commit. `progress`
// (optional) is called about once a second. Throws hf::Error from PostgreSQL or the writer.
StreamedFile StreamTable(pg::Connection& conn, const std::string& copy_sql, const std::string& table,
                         const BatchAudit& audit, lake::ObjectWriter& writer,
                         const std::function<void(const TableProgress&)>& progress);

}  // namespace hf::extract

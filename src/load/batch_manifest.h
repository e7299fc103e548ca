#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hf::load {

// One source column of a data file, with the source catalog's type name
// ("integer", "character varying(100)", "numeric(10,2)", "timestamp with time zone").
struct SourceColumn {
    std::string name;
    std::string type;
};

// One data file of a batch, as its manifest describes it (docs/lake format).
struct BatchFile {
    std::string table;
    std::string key;
    uint64_t rows = 0;        // data rows, tombstones included
    uint64_t tombstones = 0;
    uint64_t bytes = 0;
    std::string sha256;       // lower-case hex
    std::vector<SourceColumn> columns;  // audit columns excluded
};

// The manifest of one extraction batch: written last, so its presence means the batch is
// complete. Plain value.
struct BatchManifest {
    std::string batch_id;
    std::string mode;    // "full" or "incremental"
    std::string format;  // "csv" or "parquet"
    std::string source_system;
    std::string extracted_at;
    std::vector<BatchFile> files;

    // Parses a manifest's JSON; throws DATA naming `origin` (its key) when it is malformed,
    // of another format_version, or names a table outside the four source tables.
    static BatchManifest Parse(const std::string& text, const std::string& origin);
};

// The audit columns every data file carries after the source columns, in order.
const std::vector<std::string>& AuditColumns();

}  // namespace hf::load

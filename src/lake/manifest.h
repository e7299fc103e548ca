#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hf::lake {

// One column of a data file, as the source's catalog names its type ("integer",
// "character varying(100)", "numeric(10,2)", "timestamp with time zone").
struct ColumnSpec {
    std::string name;
    std::string type;

    bool operator==(const ColumnSpec&) const = default;
};

// One data file of a batch (one table).
struct ManifestFile {
    std::string table;
    std::string key;                             // lake key of the data file
    std::string mode;                            // "full" or "incremental" for this table
    uint64_t rows = 0;                           // data rows, tombstones included, header excluded
    uint64_t tombstones = 0;                     // rows with _op = 'D'
    uint64_t bytes = 0;
    std::string sha256;                          // lower-case hex of the file's bytes
    std::vector<ColumnSpec> columns;             // source columns in ordinal order (audit columns excluded)
    std::optional<std::string> watermark_from;   // exclusive lower bound; nullopt for a full extraction
    std::string watermark_to;                    // inclusive upper bound (ISO 8601 UTC)

    bool operator==(const ManifestFile&) const = default;
};

// The manifest of one extraction batch, written last under bronze/_manifests/<batch_id>.json:
// a batch without one is incomplete and must be ignored. Plain value, copyable.
struct Manifest {
    int format_version = 1;
    std::string batch_id;
    std::string mode;            // "full" when every file is full, else "incremental"
    std::string format;          // "csv" or "parquet"
    std::string source_system = "PostgreSQL_OLTP";
    std::string extracted_at;    // ISO 8601 UTC with microseconds, the batch's instant
    std::vector<ManifestFile> files;

    bool operator==(const Manifest&) const = default;

    // Pretty-printed JSON (lake_format.md).
    std::string ToJson() const;
    // Parses a manifest; throws DATA naming `origin` (e.g. the key) when it is malformed or of
    // an unsupported format_version.
    static Manifest FromJson(const std::string& text, const std::string& origin);
};

}  // namespace hf::lake

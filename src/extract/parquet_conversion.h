#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "lake/manifest.h"

namespace hf::extract {

// DuckDB type that holds a PostgreSQL column type exactly ("numeric(10,2)" -> "DECIMAL(10,2)",
// "timestamp with time zone" -> "TIMESTAMPTZ"); VARCHAR for anything without an exact match.
std::string DuckDbTypeFor(const std::string& postgres_type);

// Converts an extracted CSV file (source columns then the four audit columns) into a Parquet
// file with the source types and zstd compression, through an in-memory DuckDB. Both paths are
// local. Throws hf::Error (DATA when DuckDB cannot read the CSV, IO when it cannot write).
void ConvertCsvToParquet(const std::filesystem::path& csv, const std::vector<lake::ColumnSpec>& columns,
                         const std::filesystem::path& parquet);

}  // namespace hf::extract

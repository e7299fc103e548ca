#pragma once

#include <duckdb.h>

#include <string>

#include "db/types.h"

namespace hf::db {

// Decoding DuckDB result chunks into HealthFlow's text convention (see ResultSet).

// True when DecodeChunk can render columns of this type; a query returning any other type
// is wrapped so that DuckDB casts those columns to VARCHAR itself.
bool IsDecodable(duckdb_type type);

// Describes a result column: logical type and DuckDB's spelling of its type.
ColumnInfo DescribeColumn(const char* name, duckdb_logical_type type);

// Appends every row of `chunk` to `out` (whose columns match the chunk's). Thread-compatible.
void DecodeChunk(duckdb_data_chunk chunk, ResultSet& out);

}  // namespace hf::db

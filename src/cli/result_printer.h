#pragma once

#include <cstdio>
#include <string_view>

#include "db/types.h"

namespace hf::cli {

// How `healthflow sql` and `healthflow shell` print a result.
enum class OutputFormat { TABLE, CSV, JSON };

// "table", "csv" or "json"; throws INVALID_INPUT otherwise.
OutputFormat ParseOutputFormat(std::string_view name);

// Prints `rs` to `out`: an aligned table with a row count, RFC 4180 CSV with a header (NULL
// empty, empty string ""), or a JSON array of objects (numbers and booleans typed).
void PrintResult(const db::ResultSet& rs, OutputFormat format, std::FILE* out);

}  // namespace hf::cli

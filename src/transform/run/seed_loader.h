#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "transform/project/project.h"
#include "transform/run/materializations.h"

namespace hf::transform {

// What a seed column holds, inferred from its values as dbt does.
enum class SeedType { INTEGER, BIGINT, DOUBLE, DATE, TIMESTAMP, BOOLEAN, TEXT };

// A parsed CSV seed: header and rows of text (empty fields are NULL).
struct SeedData {
    std::vector<std::string> columns;
    std::vector<std::vector<std::optional<std::string>>> rows;
};

// Parses RFC 4180 CSV (quoted fields with "" escapes and embedded newlines, CRLF or LF, a
// leading UTF-8 BOM ignored). Throws INVALID_INPUT naming `file` and the line of a bad row.
SeedData ParseCsv(const std::string& text, const std::string& file);

// The narrowest type holding every non-NULL value: integer (bigint beyond 32 bits), double,
// date (YYYY-MM-DD), timestamp (YYYY-MM-DD HH:MM:SS[.f], 'T' accepted), boolean (true/false),
// else text. A column of NULLs only is text.
SeedType InferSeedType(const std::vector<std::optional<std::string>>& values);

// The engine's type name for a seed column ("integer", "double precision", "varchar", ...).
std::string SeedTypeName(SeedType type, const std::string& engine);

// Loads the seed's CSV into node.relation_name, replacing the old table atomically (built as
// "<alias>__dbt_tmp" then swapped). The column_types config ({column: sql type}) overrides
// inference. Throws hf::Error naming the file on failure.
BuildOutcome LoadSeed(NodeSql& sql, const Node& node);

} // namespace hf::transform

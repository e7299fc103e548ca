#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "db/types.h"

namespace hf::serve {

// Rows of a result as JSON objects keyed by column name: integers and booleans as JSON
// numbers/booleans, doubles and decimals as numbers, NULL as null, everything else as text.
// `hidden` columns are left out (e.g. identity for a role that may not see it).
nlohmann::json RowsToJson(const db::ResultSet& result, const std::vector<std::string>& hidden = {});

// The same rows written straight into `out` as JSON text, byte for byte what
// RowsToJson(result, hidden).dump() gives (keys in name order, nlohmann's number and string
// formats), without building the document: a large table costs a few allocations, not several
// per cell.
void AppendRowsJson(std::string& out, const db::ResultSet& result, const std::vector<std::string>& hidden = {});

// {"key": value, ...} of `fields` (an object) with the rows of `result` under "rows", as
// AppendRowsJson writes them: the same text as `fields` with "rows" set to RowsToJson, dumped.
std::string TableToJson(const nlohmann::json& fields, const db::ResultSet& result,
                        const std::vector<std::string>& hidden = {});

// The first row as a JSON object (null when the result is empty).
nlohmann::json FirstRowToJson(const db::ResultSet& result);

// The result as CSV (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a
// comma, quote or line break; a header line of column names; NULL as an empty field). Fields
// that a spreadsheet would run as a formula (starting with = + - @) are prefixed with a quote.
std::string RowsToCsv(const db::ResultSet& result, const std::vector<std::string>& hidden = {});

} // namespace hf::serve

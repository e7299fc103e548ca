#pragma once

#include <string>
#include <vector>

#include "lake/manifest.h"
#include "pg/connection.h"

namespace hf::extract {

// Columns of `table` (on the connection's search path) in ordinal order with their types.
// Throws NOT_FOUND when the table does not exist. Runs in the caller's transaction.
std::vector<lake::ColumnSpec> ReadColumns(pg::Connection& conn, const std::string& table);

// Throws INVALID_INPUT unless `columns` has every column in `required` (naming `table`).
void RequireColumns(const std::string& table, const std::vector<lake::ColumnSpec>& columns,
                    const std::vector<std::string>& required);

}  // namespace hf::extract

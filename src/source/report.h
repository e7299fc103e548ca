#pragma once

#include <string>
#include <vector>

#include "pg/connection.h"

namespace hf::source {

// A small result table for the terminal: column names and text cells (NULL as "").
struct TextTable {
    std::string title;
    std::vector<std::string> columns;
    std::vector<std::vector<std::string>> rows;
    std::vector<bool> right_aligned;  // per column: numbers are right-aligned
};

// What `healthflow db report` shows: row counts of the four tables, the deletion log and the two
// views, current occupancy per service, and the ten most urgent stock alerts.
std::vector<TextTable> OperationalReport(pg::Connection& conn);

// Renders a table with aligned columns (UTF-8 aware widths).
std::string RenderTable(const TextTable& table);

}  // namespace hf::source

#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "transform/project/project.h"
#include "transform/run/run_sql.h"

namespace hf::transform {

// A table or incremental model's `cluster_by` config: the columns (a name or a list) whose
// look-ups should read little of the table.
//  - DuckDB: a build writes its rows in that order, so that each row group's min/max (its zone
//    map) covers a narrow range of keys and a look-up skips the other groups. An incremental
//    build appends its rows in order too, but they land after the ordered part: when the
//    clustering depth (ClusteringDepth) passes `cluster_max_depth` (default 4), the table is
//    rewritten in order.
//    With `cluster_keep_unchanged` (one-column unique_key only), an incremental build leaves in
//    place the keys it found again unchanged instead of appending them again: worth its cost
//    (comparing the new rows with the table's rows of the same keys) only where a build selects
//    many unchanged keys.
//    With `cluster_sort_appended`, each incremental build sorts the rows appended since the
//    last rewrite again, with its own, into one run in order after the ordered part: a look-up
//    then reads a group or two of them instead of all of them. It costs the work of rewriting
//    them each time, so the table is rewritten whole once they pass `cluster_max_appended` of
//    its rows (default 0.05).
//  - PostgreSQL: an index on the columns, created when missing.
struct ClusterBy {
    std::vector<std::string> columns; // quoted
    double max_depth = 4;
    bool keep_unchanged = false;
    bool sort_appended = false;
    double max_appended = 0.05;
};

// The model's cluster_by, or nullopt when it has none. Throws hf::Error (INVALID_INPUT) when
// the config is malformed or the model is a view.
std::optional<ClusterBy> ClusterByOf(const Node& node);

// DuckDB: the average number of row groups whose range of the first cluster_by column holds a
// key (1 = in order); nullopt for an empty table.
std::optional<double> ClusteringDepth(NodeSql& sql, const std::string& relation, const ClusterBy& cluster);

// DuckDB: the rows appended out of order after the ordered part of a table (AppendedRows).
struct AppendedRows {
    int64_t first_row = 0; // rowid of the first of them
    int64_t rows = 0;      // their number (0: the table is in order)
    int64_t total = 0;     // the table's rows
};
AppendedRows FindAppendedRows(NodeSql& sql, const std::string& relation, const ClusterBy& cluster);

// DuckDB: writes the rows from `appended.first_row` on again after the table's rows, in the
// cluster_by order, in one transaction.
void SortAppendedRows(NodeSql& sql, const Node& node, const AppendedRows& appended, const ClusterBy& cluster);

// PostgreSQL: creates the index on the cluster_by columns of the node's relation when missing.
void EnsureClusterIndex(NodeSql& sql, const Node& node, const ClusterBy& cluster);

} // namespace hf::transform

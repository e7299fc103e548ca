#pragma once

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
//  - PostgreSQL: an index on the columns, created when missing.
struct ClusterBy {
    std::vector<std::string> columns; // quoted
    double max_depth = 4;
    bool keep_unchanged = false;
};

// The model's cluster_by, or nullopt when it has none. Throws hf::Error (INVALID_INPUT) when
// the config is malformed or the model is a view.
std::optional<ClusterBy> ClusterByOf(const Node& node);

// DuckDB: the average number of row groups whose range of the first cluster_by column holds a
// key (1 = in order); nullopt for an empty table.
std::optional<double> ClusteringDepth(NodeSql& sql, const std::string& relation, const ClusterBy& cluster);

// PostgreSQL: creates the index on the cluster_by columns of the node's relation when missing.
void EnsureClusterIndex(NodeSql& sql, const Node& node, const ClusterBy& cluster);

} // namespace hf::transform

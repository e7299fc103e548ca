#pragma once

#include <cstdint>
#include <string>

#include "transform/project/project.h"
#include "transform/run/run_sql.h"

namespace hf::transform {

// What building one relation did, as the run results report it.
struct BuildOutcome {
    std::string message;        // "CREATE VIEW", "SELECT 12", "INSERT 3"
    int64_t rows_affected = -1; // when the engine says
};

// Builds a compiled model (node.compiled_code) into node.relation_name with its materialization:
//  - view: create or replace (PostgreSQL: dropped and re-created in one transaction when the
//    columns changed, or when a table stood there);
//  - table: built as "<alias>__dbt_tmp", then, in one transaction, the old relation dropped and
//    the new one renamed into place, so readers see the old table or the new one, never none;
//  - incremental: like table when `incremental` is false (first run, full refresh, or a view
//    stood there); otherwise the new rows go through "<alias>__dbt_tmp" and, in one transaction,
//    rows with the same unique_key (a column or a list) are deleted and the new rows inserted
//    (append when there is no unique_key). on_schema_change: ignore (default),
//    append_new_columns, fail.
// With cluster_by (transform/run/clustering.h), DuckDB builds write their rows in that order and
// an incremental build past cluster_max_depth rewrites the table in order (its message then ends
// with ", reclustered (depth D)"); PostgreSQL gets an index on the columns. An incremental build
// of such a model with a one-column unique_key leaves in place the keys whose rows it found again
// unchanged (same table as a plain delete+insert).
// Throws hf::Error naming the model on failure; what was half-built is dropped.
BuildOutcome BuildModel(NodeSql& sql, const Node& node, bool incremental);

// Replaces `node`'s relation by the table "<alias>__dbt_tmp" that the caller built: in one
// transaction, drops the old relation (table or view) and renames the new one into place.
void SwapIntoPlace(NodeSql& sql, const Node& node);

// The quoted name of "<alias>__dbt_tmp" in the node's schema.
std::string TempRelation(const Node& node);

} // namespace hf::transform

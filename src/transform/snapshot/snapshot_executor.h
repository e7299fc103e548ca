#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "db/warehouse.h"
#include "transform/project/project.h"
#include "transform/project/target.h"

namespace hf::transform {

// What one snapshot run did.
struct SnapshotOutcome {
    int64_t inserted = 0;     // new versions (first load, changes, re-inserts, new_record deletions)
    int64_t invalidated = 0;  // versions closed (dbt_valid_to set) by a change or a hard delete
    bool created = false;     // the snapshot table did not exist and was created
    double query_time = 0;    // seconds spent in the engine
    int64_t source_rows = 0;  // rows the snapshot's select returned
    std::vector<std::string> added_columns;  // columns of the select added to an existing table
};

// Runs one snapshot node with dbt's semantics: `node.compiled_code` is the snapshot's select, its
// config gives strategy (check with check_cols list or 'all' | timestamp with updated_at),
// unique_key, hard_deletes (ignore | invalidate | new_record; invalidate_hard_deletes: true means
// invalidate). The table `node.relation_name` gets the source columns plus dbt_scd_id,
// dbt_updated_at, dbt_valid_from, dbt_valid_to (NULL for the current version). `run_started_at`
// ("YYYY-MM-DD HH:MM:SS.ffffff+00:00") is the snapshot time, as a UTC timestamp without time zone:
// check-strategy versions and hard deletes are stamped with it ("" = now). Runs in one transaction
// on `warehouse` (or inside the caller's when one is open); throws hf::Error naming the snapshot on
// failure, with nothing changed (a unique_key repeated or NULL in the select is such a failure).
// See docs/transform.md, "Snapshots".
SnapshotOutcome ExecuteSnapshot(db::Warehouse& warehouse, const Node& node, const Target& target,
                                const std::string& run_started_at);

}  // namespace hf::transform

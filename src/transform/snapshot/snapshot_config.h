#pragma once

#include <optional>
#include <string>
#include <vector>

#include "transform/project/project.h"

namespace hf::transform {

// How a snapshot decides that a source row changed (dbt's `strategy`).
enum class SnapshotStrategy {
    CHECK,      // some check column differs (NULL-safe) from the current version
    TIMESTAMP,  // the source's updated_at is later than the current version's dbt_valid_from
};

// What happens to the current version of a key that left the source (dbt's `hard_deletes`).
enum class HardDeletes {
    IGNORE,      // nothing: the version stays current
    INVALIDATE,  // the version is closed (dbt_valid_to = snapshot time)
    NEW_RECORD,  // the version is closed and a deletion record (dbt_is_deleted = 'True') is added
};

// Names of the columns a snapshot adds (dbt's `snapshot_meta_column_names`), unquoted.
struct SnapshotColumnNames {
    std::string scd_id = "dbt_scd_id";
    std::string updated_at = "dbt_updated_at";
    std::string valid_from = "dbt_valid_from";
    std::string valid_to = "dbt_valid_to";
    std::string is_deleted = "dbt_is_deleted";
};

// The snapshot part of a node's config, checked. Immutable once parsed.
struct SnapshotSpec {
    std::string name;  // the snapshot's name, for messages
    SnapshotStrategy strategy = SnapshotStrategy::CHECK;
    std::vector<std::string> unique_key;  // SQL expressions (usually column names), one or more
    bool composite_key = false;           // unique_key was given as a list
    bool check_all = false;               // check_cols: 'all'
    std::vector<std::string> check_cols;  // check_cols given as a list (column names)
    std::string updated_at;               // SQL expression; "" for check without updated_at
    HardDeletes hard_deletes = HardDeletes::IGNORE;
    SnapshotColumnNames columns;
    std::string valid_to_current;  // dbt_valid_to_current: SQL expression, "" = NULL
};

// Reads and checks the snapshot config of `node` (strategy, unique_key, check_cols, updated_at,
// hard_deletes / invalidate_hard_deletes, snapshot_meta_column_names, dbt_valid_to_current).
// Throws hf::Error(INVALID_INPUT) naming the snapshot and the key at fault.
SnapshotSpec ParseSnapshotSpec(const Node& node);

}  // namespace hf::transform

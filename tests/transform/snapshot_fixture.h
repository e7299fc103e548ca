#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/error.h"
#include "common/strings.h"
#include "db/warehouse.h"
#include "support/temp_dir.h"
#include "support/test_postgres.h"
#include "transform/project/test_naming.h"
#include "transform/snapshot/snapshot_config.h"
#include "transform/snapshot/snapshot_executor.h"

namespace hf::transform::testing {

// Snapshot times of successive runs (run_started_at as the runner passes it) and their SQL text.
inline const std::string kT1 = "2026-01-01 10:00:00.000000+00:00";
inline const std::string kT2 = "2026-01-02 10:00:00.000000+00:00";
inline const std::string kT3 = "2026-01-03 10:30:00.250000+00:00";
inline const std::string kT4 = "2026-01-04 10:00:00.000000+00:00";
inline const std::string T1 = "2026-01-01 10:00:00";
inline const std::string T2 = "2026-01-02 10:00:00";
inline const std::string T3 = "2026-01-03 10:30:00.25";
inline const std::string T4 = "2026-01-04 10:00:00";
// How a NULL field is printed by Rows().
inline const std::string N = "NULL";

// Config entries, in order (a snapshot's config before it becomes a dict).
using ConfigItems = std::vector<std::pair<std::string, jinja::Value>>;
// Columns of a test table: name and logical type (the engine's name for it is used).
using ColumnTypes = std::vector<std::pair<std::string, db::LogicalType>>;

// Runs every snapshot test on DuckDB (a file in a temporary folder) and on PostgreSQL (a fresh
// database of the suite's cluster). The snapshot reads table `src` of the default schema and
// writes "snapshots"."snap".
class SnapshotTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override;

    // The engine's type name for a logical type.
    std::string T(db::LogicalType type) { return wh_->GetDialect().TypeName(type); }

    // Creates table `name` (default: the snapshot's source, `src`) with `columns`.
    void CreateTable(const ColumnTypes& columns, const std::string& name = "src");

    // A snapshot node "snap" over `select * from src` with the given config.
    Node Snapshot(jinja::ValueDict config, const std::string& select = "select * from src");
    // A check-strategy snapshot on unique key `id` checking `check_cols`, plus `extra` config.
    Node CheckSnapshot(jinja::Value check_cols = jinja::Value("all"), const ConfigItems& extra = {});
    // A timestamp-strategy snapshot on unique key `id` with updated_at `maj`, plus `extra` config.
    Node TimestampSnapshot(const ConfigItems& extra = {});

    // Executes `node` on the test's warehouse as the runner would at `run_started_at`.
    SnapshotOutcome Run(const Node& node, const std::string& run_started_at);

    // Every row of the snapshot table as "a|b|c" over `columns`, ordered by `order`.
    std::vector<std::string> Rows(const std::string& columns, const std::string& order);
    // Rows over `columns` in version order (id, dbt_valid_from).
    std::vector<std::string> Versions(const std::string& columns) { return Rows(columns, "id, dbt_valid_from"); }

    // The message of the hf::Error that `f` throws, or "(no error)".
    template <typename F> static std::string ErrorOf(F&& f) {
        try {
            f();
        } catch (const Error& e) {
            return e.Message();
        }
        return "(no error)";
    }

    // dbt's scd id: md5 of the parts joined by '|'.
    static std::string ScdId(const std::vector<std::string>& parts) { return Md5Hex(Join(parts, "|")); }

    hf::testing::TempDir dir_;
    pg::ConnectionSpec spec_;
    std::unique_ptr<db::Warehouse> wh_;
    Target target_;
};

// Config dict from (key, value) pairs.
jinja::ValueDict Config(ConfigItems items);

// A list value of strings.
jinja::Value List(std::vector<std::string> items);

// "duckdb" / "postgres" as the instantiated test's suffix.
inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace hf::transform::testing

#pragma once

#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/strings.h"
#include "db/duckdb_warehouse.h"
#include "db/postgres_warehouse.h"
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

// Runs every snapshot test on DuckDB (a file in a temporary folder) and on PostgreSQL (a fresh
// database of the suite's cluster). The snapshot reads table `src` of the default schema and
// writes "snapshots"."snap".
class SnapshotTest : public ::testing::TestWithParam<std::string> {
protected:
    void SetUp() override {
        if (GetParam() == "duckdb") {
            wh_ = db::DuckDbWarehouse::Open(dir_.Path() / "warehouse.duckdb").Value();
            target_.type = "duckdb";
            target_.schema = "main";
        } else {
            std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
            for (auto& c : name) {
                c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
            }
            spec_ = hf::testing::TestPostgres::Instance().FreshDatabase("snap_" + name);
            wh_ = db::PostgresWarehouse::Open(spec_).Value();
            target_.type = "postgres";
            target_.schema = "public";
        }
    }

    // The engine's type name for a logical type.
    std::string T(db::LogicalType type) { return wh_->GetDialect().TypeName(type); }

    // A snapshot node "snap" over `select * from src` with the given config.
    Node Snapshot(jinja::ValueDict config, const std::string& select = "select * from src") {
        Node node;
        node.unique_id = "snapshot.p.snap";
        node.type = ResourceType::SNAPSHOT;
        node.name = "snap";
        node.schema = "snapshots";
        node.alias = "snap";
        node.relation_name = "\"snapshots\".\"snap\"";
        node.compiled_code = select;
        node.config = jinja::Value(std::move(config));
        return node;
    }

    SnapshotOutcome Run(const Node& node, const std::string& run_started_at) {
        return ExecuteSnapshot(*wh_, node, target_, run_started_at);
    }

    // Every row of the snapshot table as "a|b|c" over `columns`, ordered by `order`.
    std::vector<std::string> Rows(const std::string& columns, const std::string& order) {
        auto rs = wh_->Query("SELECT " + columns + " FROM snapshots.snap ORDER BY " + order);
        std::vector<std::string> out;
        for (size_t r = 0; r < rs.RowCount(); ++r) {
            std::vector<std::string> fields;
            for (size_t c = 0; c < rs.ColumnCount(); ++c) {
                fields.push_back(rs.IsNull(r, c) ? N : rs.Text(r, c));
            }
            out.push_back(Join(fields, "|"));
        }
        return out;
    }

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
inline jinja::ValueDict Config(std::vector<std::pair<std::string, jinja::Value>> items) {
    jinja::ValueDict dict;
    for (auto& [k, v] : items) {
        dict.Set(k, std::move(v));
    }
    return dict;
}

inline jinja::Value List(std::vector<std::string> items) {
    jinja::ValueList list;
    for (auto& s : items) {
        list.emplace_back(std::move(s));
    }
    return jinja::Value(std::move(list));
}

inline std::string EngineName(const ::testing::TestParamInfo<std::string>& info) {
    return info.param;
}

}  // namespace hf::transform::testing

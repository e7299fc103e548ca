#include "snapshot_fixture.h"

#include <cctype>

#include "db/duckdb_warehouse.h"
#include "db/postgres_warehouse.h"

namespace hf::transform::testing {

void SnapshotTest::SetUp() {
    if (GetParam() == "duckdb") {
        wh_ = db::DuckDbWarehouse::Open(dir_.Path() / "warehouse.duckdb").Value();
        target_.type = "duckdb";
        target_.schema = "main";
        return;
    }
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (auto& c : name) {
        c = std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    }
    spec_ = hf::testing::TestPostgres::Instance().FreshDatabase("snap_" + name);
    wh_ = db::PostgresWarehouse::Open(spec_).Value();
    target_.type = "postgres";
    target_.schema = "public";
}

void SnapshotTest::CreateTable(const ColumnTypes& columns, const std::string& name) {
    std::string ddl;
    for (const auto& [column, type] : columns) {
        ddl += (ddl.empty() ? "" : ", ") + column + " " + T(type);
    }
    wh_->Execute("CREATE TABLE " + name + " (" + ddl + ")");
}

Node SnapshotTest::Snapshot(jinja::ValueDict config, const std::string& select) {
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

Node SnapshotTest::CheckSnapshot(jinja::Value check_cols, const ConfigItems& extra) {
    ConfigItems config = {{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", std::move(check_cols)}};
    config.insert(config.end(), extra.begin(), extra.end());
    return Snapshot(Config(std::move(config)));
}

Node SnapshotTest::TimestampSnapshot(const ConfigItems& extra) {
    ConfigItems config = {{"strategy", "timestamp"}, {"unique_key", "id"}, {"updated_at", "maj"}};
    config.insert(config.end(), extra.begin(), extra.end());
    return Snapshot(Config(std::move(config)));
}

SnapshotOutcome SnapshotTest::Run(const Node& node, const std::string& run_started_at) {
    return ExecuteSnapshot(*wh_, node, target_, run_started_at);
}

std::vector<std::string> SnapshotTest::Rows(const std::string& columns, const std::string& order) {
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

jinja::ValueDict Config(ConfigItems items) {
    jinja::ValueDict dict;
    for (auto& [k, v] : items) {
        dict.Set(k, std::move(v));
    }
    return dict;
}

jinja::Value List(std::vector<std::string> items) {
    jinja::ValueList list;
    for (auto& s : items) {
        list.emplace_back(std::move(s));
    }
    return jinja::Value(std::move(list));
}

}  // namespace hf::transform::testing

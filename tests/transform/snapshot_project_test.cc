#include "project_fixture.h"
#include "snapshot_fixture.h"

namespace hf::transform::testing {
namespace {

// Snapshots defined in a project (a legacy block and a YAML snapshot), compiled by the session
// as the runner does, then executed.
class ProjectSnapshotTest : public SnapshotTest {
protected:
    void SetUp() override {
        SnapshotTest::SetUp();
        CreateTable({{"id", db::LogicalType::INTEGER},
                     {"nom", db::LogicalType::VARCHAR},
                     {"ville", db::LogicalType::VARCHAR},
                     {"maj", db::LogicalType::TIMESTAMP}});
        wh_->Execute("INSERT INTO src VALUES (1, 'Alice', 'Paris', '2025-12-01 08:00:00'), "
                     "(2, 'Bruno', 'Lyon', '2025-12-01 08:00:00')");
        project_.Write("dbt_project.yml", "name: p\nprofile: p\nsnapshots:\n  p:\n    +hard_deletes: new_record\n");
        project_.Write("models/sources.yml",
                       "sources:\n  - name: app\n    schema: " + target_.schema + "\n    tables:\n      - name: src\n");
        project_.Write("snapshots/snap.sql", "{% snapshot snap %}\n"
                                             "{{ config(target_schema='snapshots', unique_key='id', strategy='check',\n"
                                             "          check_cols=['ville']) }}\n"
                                             "select id, nom, ville from {{ source('app', 'src') }}\n"
                                             "{% endsnapshot %}\n");
        project_.Write("snapshots/history.yml", "snapshots:\n"
                                                "  - name: snap_maj\n"
                                                "    relation: source('app', 'src')\n"
                                                "    config:\n"
                                                "      schema: hist\n"
                                                "      unique_key: [id]\n"
                                                "      strategy: timestamp\n"
                                                "      updated_at: maj\n"
                                                "      hard_deletes: ignore\n");
        session_ = project_.Open(GetParam() == "duckdb" ? "" : "pg");
    }

    // Compiles the node as the runner does and executes it at `run_started_at`.
    SnapshotOutcome RunNode(const std::string& name, const std::string& run_started_at) {
        const std::string id = "snapshot.p." + name;
        session_->GetCompiler().Compile(id);
        return ExecuteSnapshot(*wh_, session_->GetProject().nodes.at(id), session_->GetTarget(), run_started_at);
    }

    ProjectFixture project_;
    std::unique_ptr<Session> session_;
};

TEST_P(ProjectSnapshotTest, LegacyBlockWithFolderConfig) {
    const Node& node = session_->GetProject().nodes.at("snapshot.p.snap");
    EXPECT_EQ(node.relation_name, "\"snapshots\".\"snap\"");
    EXPECT_EQ(RunNode("snap", kT1).inserted, 2);
    wh_->Execute("UPDATE src SET ville = 'Nice' WHERE id = 1");
    wh_->Execute("DELETE FROM src WHERE id = 2");
    SnapshotOutcome out = RunNode("snap", kT2);
    EXPECT_EQ(out.inserted, 2);
    EXPECT_EQ(out.invalidated, 2);
    EXPECT_EQ(Versions("id, nom, ville, dbt_valid_from, dbt_valid_to, dbt_is_deleted"),
              (std::vector<std::string>{
                  "1|Alice|Paris|" + T1 + "|" + T2 + "|False",
                  "1|Alice|Nice|" + T2 + "|NULL|False",
                  "2|Bruno|Lyon|" + T1 + "|" + T2 + "|False",
                  "2|Bruno|Lyon|" + T2 + "|NULL|True",
              }));
}

TEST_P(ProjectSnapshotTest, YamlSnapshotGoesThroughSchemaNaming) {
    const Node& node = session_->GetProject().nodes.at("snapshot.p.snap_maj");
    const std::string schema = session_->GetTarget().schema + "_hist";
    EXPECT_EQ(node.relation_name, "\"" + schema + "\".\"snap_maj\"");
    EXPECT_EQ(RunNode("snap_maj", kT1).inserted, 2);
    wh_->Execute("UPDATE src SET ville = 'Nice', maj = '2025-12-02 09:00:00' WHERE id = 1");
    wh_->Execute("DELETE FROM src WHERE id = 2");
    SnapshotOutcome out = RunNode("snap_maj", kT2);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(out.invalidated, 1);
    auto rs = wh_->Query("SELECT id, ville, dbt_valid_from, dbt_valid_to FROM " + schema +
                         ".snap_maj ORDER BY id, dbt_valid_from");
    std::vector<std::string> rows;
    for (size_t r = 0; r < rs.RowCount(); ++r) {
        rows.push_back(rs.Text(r, 0) + "|" + rs.Text(r, 1) + "|" + rs.Text(r, 2) + "|" +
                       (rs.IsNull(r, 3) ? N : rs.Text(r, 3)));
    }
    EXPECT_EQ(rows, (std::vector<std::string>{
                        "1|Paris|2025-12-01 08:00:00|2025-12-02 09:00:00",
                        "1|Nice|2025-12-02 09:00:00|NULL",
                        "2|Lyon|2025-12-01 08:00:00|NULL",
                    }));
}

INSTANTIATE_TEST_SUITE_P(Engines, ProjectSnapshotTest, ::testing::Values("duckdb", "postgres"), EngineName);

}  // namespace
}  // namespace hf::transform::testing

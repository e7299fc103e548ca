#include "snapshot_fixture.h"

namespace hf::transform::testing {
namespace {

using jinja::Value;

class SnapshotErrorTest : public SnapshotTest {
protected:
    void SetUp() override {
        SnapshotTest::SetUp();
        CreateTable({{"id", db::LogicalType::INTEGER}, {"lit", db::LogicalType::VARCHAR}});
        wh_->Execute("INSERT INTO src VALUES (1, 'A1'), (2, 'B2'), (3, 'C3')");
    }
    std::vector<std::string> History() { return Versions("id, lit, dbt_valid_from, dbt_valid_to"); }
};

TEST_P(SnapshotErrorTest, DuplicateKeysFailTheRunAndChangeNothing) {
    Node node = CheckSnapshot();
    Run(node, kT1);
    const auto before = History();

    wh_->Execute("UPDATE src SET lit = 'A9' WHERE id = 1");
    wh_->Execute("INSERT INTO src VALUES (2, 'B7'), (2, 'B8'), (3, 'C4')");
    std::string message;
    try {
        Run(node, kT2);
        ADD_FAILURE() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(e.Kind(), ErrorKind::DATA);
        message = e.Message();
    }
    EXPECT_EQ(message,
              "snapshot 'snap' (snapshots.snap): unique_key id is not unique and not null in the select: '2' in 3 "
              "rows; '3' in 2 rows");
    EXPECT_EQ(History(), before);
    EXPECT_FALSE(wh_->InTransaction());

    // Once the select is fixed, the same connection runs it normally.
    wh_->Execute("DELETE FROM src WHERE lit IN ('B7', 'B8', 'C4')");
    SnapshotOutcome out = Run(node, kT3);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(out.invalidated, 1);
}

TEST_P(SnapshotErrorTest, NullKeysFailTheFirstRunAndCreateNothing) {
    wh_->Execute("INSERT INTO src VALUES (NULL, 'X')");
    std::string message = ErrorOf([&] { Run(CheckSnapshot(), kT1); });
    EXPECT_EQ(message,
              "snapshot 'snap' (snapshots.snap): unique_key id is not unique and not null in the select: NULL in 1 "
              "row");
    EXPECT_FALSE(wh_->RelationExists("snapshots", "snap"));
}

TEST_P(SnapshotErrorTest, CompositeKeyProblemsNameEveryPart) {
    Node node = Snapshot(Config({{"strategy", "check"}, {"unique_key", List({"id", "lit"})}, {"check_cols", "all"}}));
    wh_->Execute("INSERT INTO src VALUES (1, 'A1'), (4, NULL)");
    EXPECT_EQ(ErrorOf([&] { Run(node, kT1); }),
              "snapshot 'snap' (snapshots.snap): unique_key (id, lit) is not unique and not null in the select: "
              "('1', 'A1') in 2 rows; ('4', NULL) in 1 row");
}

TEST_P(SnapshotErrorTest, ABadSelectNamesTheSnapshot) {
    Node node = CheckSnapshot();
    Run(node, kT1);
    node.compiled_code = "select * from no_such_table";
    std::string message = ErrorOf([&] { Run(node, kT2); });
    EXPECT_TRUE(StartsWith(message, "snapshot 'snap' (snapshots.snap): ")) << message;
    EXPECT_NE(message.find("no_such_table"), std::string::npos) << message;
    EXPECT_EQ(History().size(), 3u);
}

TEST_P(SnapshotErrorTest, ASelectWithAMetaColumnIsRefused) {
    Node node = CheckSnapshot();
    node.compiled_code = "select id, lit, lit as dbt_valid_to from src";
    EXPECT_EQ(ErrorOf([&] { Run(node, kT1); }),
              "snapshot 'snap' (snapshots.snap): the select returns a column named 'dbt_valid_to', which the "
              "snapshot adds itself");
}

TEST_P(SnapshotErrorTest, ATableThatIsNotASnapshotIsRefused) {
    wh_->Execute("CREATE SCHEMA snapshots");
    CreateTable({{"id", db::LogicalType::INTEGER}}, "snapshots.snap");
    EXPECT_EQ(ErrorOf([&] { Run(CheckSnapshot(), kT1); }),
              "snapshot 'snap' (snapshots.snap): the table exists but is not a snapshot: it has no column dbt_scd_id, "
              "dbt_updated_at, dbt_valid_from, dbt_valid_to");
}

TEST_P(SnapshotErrorTest, UnknownCheckColumn) {
    Node node = CheckSnapshot(List({"adresse"}));
    Run(node, kT1);
    EXPECT_EQ(ErrorOf([&] { Run(node, kT2); }),
              "snapshot 'snap' (snapshots.snap): check_cols names 'adresse', which the select does not return (it "
              "returns id, lit)");
}

TEST_P(SnapshotErrorTest, RunStartTimeFormats) {
    EXPECT_EQ(ErrorOf([&] { Run(CheckSnapshot(), "yesterday"); }),
              "snapshot 'snap': run start time 'yesterday' is not a UTC timestamp");
    EXPECT_FALSE(wh_->RelationExists("snapshots", "snap"));
    Run(CheckSnapshot(), "2026-01-01T10:00:00Z");
    EXPECT_EQ(Rows("dbt_valid_from", "id"), (std::vector<std::string>{T1, T1, T1}));
}

TEST_P(SnapshotErrorTest, RunsInsideTheCallersTransaction) {
    wh_->Begin();
    EXPECT_EQ(Run(CheckSnapshot(), kT1).inserted, 3);
    EXPECT_TRUE(wh_->InTransaction());
    wh_->Rollback();
    EXPECT_FALSE(wh_->RelationExists("snapshots", "snap"));
    EXPECT_EQ(Run(CheckSnapshot(), kT1).inserted, 3);
    EXPECT_FALSE(wh_->InTransaction());
}

INSTANTIATE_TEST_SUITE_P(Engines, SnapshotErrorTest, ::testing::Values("duckdb", "postgres"), EngineName);

// Config problems are found before the warehouse is touched.
TEST(SnapshotConfigTest, ConfigErrorsNameTheSnapshotAndTheKey) {
    auto message = [](std::vector<std::pair<std::string, Value>> items) {
        Node node;
        node.name = "snap_patients";
        node.config = Value(Config(std::move(items)));
        try {
            ParseSnapshotSpec(node);
        } catch (const Error& e) {
            return e.Message();
        }
        return std::string("(no error)");
    };
    EXPECT_EQ(message({{"unique_key", "id"}}), "snapshot 'snap_patients': no `strategy` configured");
    EXPECT_EQ(message({{"strategy", "merge"}, {"unique_key", "id"}}),
              "snapshot 'snap_patients': unknown strategy 'merge'");
    EXPECT_EQ(message({{"strategy", "check"}, {"check_cols", "all"}}),
              "snapshot 'snap_patients': no `unique_key` configured");
    EXPECT_EQ(message({{"strategy", "timestamp"}, {"unique_key", "id"}}),
              "snapshot 'snap_patients': the timestamp strategy needs `updated_at`");
    EXPECT_EQ(message({{"strategy", "timestamp"}, {"unique_key", "id"}, {"updated_at", "maj"}, {"check_cols", "all"}}),
              "snapshot 'snap_patients': the timestamp strategy takes no `check_cols`");
    EXPECT_EQ(message({{"strategy", "check"}, {"unique_key", "id"}}),
              "snapshot 'snap_patients': the check strategy needs `check_cols` ('all' or a list of columns), got None");
    EXPECT_EQ(message({{"strategy", "check"}, {"unique_key", "id"}, {"check_cols", "all"}, {"hard_deletes", "purge"}}),
              "snapshot 'snap_patients': unknown hard_deletes value 'purge'");
    EXPECT_EQ(message({{"strategy", "check"},
                       {"unique_key", "id"},
                       {"check_cols", "all"},
                       {"hard_deletes", "invalidate"},
                       {"invalidate_hard_deletes", true}}),
              "snapshot 'snap_patients': both `hard_deletes` and `invalidate_hard_deletes` are set");

    Node node;
    node.name = "snap";
    node.config = Value(Config({{"strategy", "timestamp"},
                                {"unique_key", List({"service", "lit"})},
                                {"updated_at", "maj"},
                                {"invalidate_hard_deletes", "true"}}));
    SnapshotSpec spec = ParseSnapshotSpec(node);
    EXPECT_EQ(spec.strategy, SnapshotStrategy::TIMESTAMP);
    EXPECT_EQ(spec.unique_key, (std::vector<std::string>{"service", "lit"}));
    EXPECT_TRUE(spec.composite_key);
    EXPECT_EQ(spec.hard_deletes, HardDeletes::INVALIDATE);
    EXPECT_EQ(spec.columns.valid_to, "dbt_valid_to");
}

}  // namespace
}  // namespace hf::transform::testing

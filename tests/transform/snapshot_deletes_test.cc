#include "snapshot_fixture.h"

namespace hf::transform::testing {
namespace {

using jinja::Value;

class HardDeleteSnapshotTest : public SnapshotTest {
protected:
    void SetUp() override {
        SnapshotTest::SetUp();
        CreateTable({{"id", db::LogicalType::INTEGER}, {"lit", db::LogicalType::VARCHAR}});
        wh_->Execute("INSERT INTO src VALUES (1, 'A1'), (2, 'B2')");
    }
    std::vector<std::string> History() { return Versions("id, lit, dbt_valid_from, dbt_valid_to"); }
};

TEST_P(HardDeleteSnapshotTest, IgnoreKeepsDeletedKeysCurrent) {
    Node node = CheckSnapshot();
    Run(node, kT1);
    wh_->Execute("DELETE FROM src WHERE id = 2");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.inserted, 0);
    EXPECT_EQ(out.invalidated, 0);
    const std::vector<std::string> loaded = {"1|A1|" + T1 + "|NULL", "2|B2|" + T1 + "|NULL"};
    EXPECT_EQ(History(), loaded);

    // Back with the same values: still the same version. Back changed: a new version.
    wh_->Execute("INSERT INTO src VALUES (2, 'B2')");
    EXPECT_EQ(Run(node, kT3).inserted, 0);
    wh_->Execute("UPDATE src SET lit = 'B3' WHERE id = 2");
    EXPECT_EQ(Run(node, kT4).inserted, 1);
    EXPECT_EQ(History(),
              (std::vector<std::string>{"1|A1|" + T1 + "|NULL", "2|B2|" + T1 + "|" + T4, "2|B3|" + T4 + "|NULL"}));
}

// hard_deletes: invalidate and the legacy invalidate_hard_deletes: true behave alike.
class InvalidateTest : public HardDeleteSnapshotTest {
protected:
    void Check(const Node& node) {
        Run(node, kT1);
        wh_->Execute("DELETE FROM src WHERE id = 2");
        SnapshotOutcome out = Run(node, kT2);
        EXPECT_EQ(out.invalidated, 1);
        EXPECT_EQ(out.inserted, 0);
        EXPECT_EQ(History(), (std::vector<std::string>{"1|A1|" + T1 + "|NULL", "2|B2|" + T1 + "|" + T2}));

        // Nothing more while the key stays away.
        SnapshotOutcome again = Run(node, kT3);
        EXPECT_EQ(again.invalidated, 0);
        EXPECT_EQ(again.inserted, 0);

        // Re-inserted (even unchanged): a new current version.
        wh_->Execute("INSERT INTO src VALUES (2, 'B2')");
        SnapshotOutcome back = Run(node, kT4);
        EXPECT_EQ(back.inserted, 1);
        EXPECT_EQ(back.invalidated, 0);
        EXPECT_EQ(History(),
                  (std::vector<std::string>{"1|A1|" + T1 + "|NULL", "2|B2|" + T1 + "|" + T2, "2|B2|" + T4 + "|NULL"}));
    }
};

TEST_P(InvalidateTest, HardDeletesInvalidate) {
    Check(CheckSnapshot("all", {{"hard_deletes", "invalidate"}}));
}

TEST_P(InvalidateTest, LegacyInvalidateHardDeletes) {
    Check(CheckSnapshot("all", {{"invalidate_hard_deletes", true}}));
}

TEST_P(HardDeleteSnapshotTest, NewRecordMarksDeletions) {
    Node node = CheckSnapshot("all", {{"hard_deletes", "new_record"}});
    Run(node, kT1);
    const std::string columns = "id, lit, dbt_valid_from, dbt_valid_to, dbt_is_deleted, dbt_scd_id";
    EXPECT_EQ(Versions(columns), (std::vector<std::string>{
                                                       "1|A1|" + T1 + "|NULL|False|" + ScdId({"1", T1}),
                                                       "2|B2|" + T1 + "|NULL|False|" + ScdId({"2", T1}),
                                                   }));

    wh_->Execute("DELETE FROM src WHERE id = 2");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.invalidated, 1);
    EXPECT_EQ(out.inserted, 1);
    const std::string deletion_id = ScdId({ScdId({"2", T1}), T2});
    const std::vector<std::string> deleted = {
        "1|A1|" + T1 + "|NULL|False|" + ScdId({"1", T1}),
        "2|B2|" + T1 + "|" + T2 + "|False|" + ScdId({"2", T1}),
        "2|B2|" + T2 + "|NULL|True|" + deletion_id,
    };
    EXPECT_EQ(Versions(columns), deleted);

    // The deletion is recorded once.
    SnapshotOutcome again = Run(node, kT3);
    EXPECT_EQ(again.inserted, 0);
    EXPECT_EQ(again.invalidated, 0);
    EXPECT_EQ(Versions(columns), deleted);

    // The key comes back unchanged: the deletion record closes, a live version starts.
    wh_->Execute("INSERT INTO src VALUES (2, 'B2')");
    SnapshotOutcome back = Run(node, kT4);
    EXPECT_EQ(back.inserted, 1);
    EXPECT_EQ(back.invalidated, 1);
    EXPECT_EQ(Versions(columns), (std::vector<std::string>{
                                                       "1|A1|" + T1 + "|NULL|False|" + ScdId({"1", T1}),
                                                       "2|B2|" + T1 + "|" + T2 + "|False|" + ScdId({"2", T1}),
                                                       "2|B2|" + T2 + "|" + T4 + "|True|" + deletion_id,
                                                       "2|B2|" + T4 + "|NULL|False|" + ScdId({"2", T4}),
                                                   }));
}

TEST_P(HardDeleteSnapshotTest, NewRecordOnATableMadeWithoutIt) {
    Run(CheckSnapshot(), kT1);
    wh_->Execute("DELETE FROM src WHERE id = 1");
    SnapshotOutcome out = Run(CheckSnapshot("all", {{"hard_deletes", "new_record"}}), kT2);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(out.invalidated, 1);
    EXPECT_EQ(Versions("id, dbt_valid_from, dbt_valid_to, dbt_is_deleted"),
              (std::vector<std::string>{
                  "1|" + T1 + "|" + T2 + "|NULL",
                  "1|" + T2 + "|NULL|True",
                  "2|" + T1 + "|NULL|NULL",
              }));
}

INSTANTIATE_TEST_SUITE_P(Engines, HardDeleteSnapshotTest, ::testing::Values("duckdb", "postgres"), EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, InvalidateTest, ::testing::Values("duckdb", "postgres"), EngineName);

}  // namespace
}  // namespace hf::transform::testing

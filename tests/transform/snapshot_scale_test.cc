#include "snapshot_fixture.h"

namespace hf::transform::testing {
namespace {

using SnapshotScaleTest = SnapshotTest;

// 20 000 keys, then 10 % changed and 1 % deleted: the counts are exact and every key keeps one
// current version.
TEST_P(SnapshotScaleTest, TwentyThousandKeysKeepOneCurrentVersionEach) {
    wh_->Execute(
        "CREATE TABLE src AS SELECT i AS id, 'nom ' || cast(i AS varchar) AS nom, cast(i % 97 AS varchar) AS ville "
        "FROM generate_series(1, 20000) AS g(i)");
    Node node = CheckSnapshot("all", {{"hard_deletes", "invalidate"}});
    SnapshotOutcome first = Run(node, kT1);
    EXPECT_EQ(first.inserted, 20000);

    wh_->Execute("UPDATE src SET ville = 'Nice' WHERE id % 10 = 0");
    wh_->Execute("DELETE FROM src WHERE id % 100 = 1");
    SnapshotOutcome changed = Run(node, kT2);
    EXPECT_EQ(changed.inserted, 2000);
    EXPECT_EQ(changed.invalidated, 2200);
    EXPECT_GT(changed.query_time, 0.0);

    SnapshotOutcome rerun = Run(node, kT3);
    EXPECT_EQ(rerun.inserted, 0);
    EXPECT_EQ(rerun.invalidated, 0);

    auto counts = wh_->Query("SELECT count(*), count(DISTINCT id), count(*) FILTER (WHERE dbt_valid_to IS NULL), "
                             "count(DISTINCT dbt_scd_id) FROM snapshots.snap");
    EXPECT_EQ(counts.Int(0, 0), 22000);
    EXPECT_EQ(counts.Int(0, 1), 20000);
    EXPECT_EQ(counts.Int(0, 2), 19800);
    EXPECT_EQ(counts.Int(0, 3), 22000);
}

INSTANTIATE_TEST_SUITE_P(Engines, SnapshotScaleTest, ::testing::Values("duckdb", "postgres"), EngineName);

}  // namespace
}  // namespace hf::transform::testing

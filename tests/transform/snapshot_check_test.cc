#include "snapshot_fixture.h"

namespace hf::transform::testing {
namespace {

using jinja::Value;

class CheckSnapshotTest : public SnapshotTest {
protected:
    void SetUp() override {
        SnapshotTest::SetUp();
        CreateTable(
            {{"id", db::LogicalType::INTEGER}, {"nom", db::LogicalType::VARCHAR}, {"ville", db::LogicalType::VARCHAR}});
    }
    std::vector<std::string> History() {
        return Versions("id, nom, ville, dbt_valid_from, dbt_valid_to, dbt_updated_at");
    }
};

TEST_P(CheckSnapshotTest, FirstLoadChangeAndRerun) {
    wh_->Execute("INSERT INTO src VALUES (1, 'Alice', 'Paris'), (2, 'Bruno', 'Lyon'), (3, 'Chloé', NULL)");
    Node node = CheckSnapshot("all");

    SnapshotOutcome first = Run(node, kT1);
    EXPECT_TRUE(first.created);
    EXPECT_EQ(first.inserted, 3);
    EXPECT_EQ(first.invalidated, 0);
    EXPECT_EQ(first.source_rows, 3);
    const std::vector<std::string> loaded = {
        "1|Alice|Paris|" + T1 + "|NULL|" + T1,
        "2|Bruno|Lyon|" + T1 + "|NULL|" + T1,
        "3|Chloé|NULL|" + T1 + "|NULL|" + T1,
    };
    EXPECT_EQ(History(), loaded);
    // dbt's scd id: md5 of the key and the snapshot time, as text joined by '|'.
    EXPECT_EQ(Rows("dbt_scd_id", "id"),
              (std::vector<std::string>{ScdId({"1", T1}), ScdId({"2", T1}), ScdId({"3", T1})}));

    // A rerun without any change in the source adds nothing.
    SnapshotOutcome rerun = Run(node, kT2);
    EXPECT_FALSE(rerun.created);
    EXPECT_EQ(rerun.inserted, 0);
    EXPECT_EQ(rerun.invalidated, 0);
    EXPECT_EQ(History(), loaded);

    wh_->Execute("UPDATE src SET ville = 'Nice' WHERE id = 2");
    wh_->Execute("INSERT INTO src VALUES (4, 'Driss', 'Brest')");
    SnapshotOutcome changed = Run(node, kT3);
    EXPECT_EQ(changed.inserted, 2);
    EXPECT_EQ(changed.invalidated, 1);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|Alice|Paris|" + T1 + "|NULL|" + T1,
                             "2|Bruno|Lyon|" + T1 + "|" + T3 + "|" + T1,
                             "2|Bruno|Nice|" + T3 + "|NULL|" + T3,
                             "3|Chloé|NULL|" + T1 + "|NULL|" + T1,
                             "4|Driss|Brest|" + T3 + "|NULL|" + T3,
                         }));
    auto ids = wh_->Query("SELECT dbt_scd_id FROM snapshots.snap WHERE id = 2 AND dbt_valid_to IS NULL");
    ASSERT_EQ(ids.RowCount(), 1u);
    EXPECT_EQ(ids.Text(0, 0), ScdId({"2", T3}));

    EXPECT_EQ(Run(node, kT4).inserted, 0);
    EXPECT_EQ(History().size(), 5u);
}

TEST_P(CheckSnapshotTest, NullTransitionsAreComparedNullSafe) {
    wh_->Execute("INSERT INTO src VALUES (1, 'a', NULL), (2, 'b', 'x'), (3, 'c', NULL), (4, NULL, 'z')");
    Node node = CheckSnapshot(List({"nom", "ville"}));
    Run(node, kT1);

    // NULL -> value and value -> NULL are changes; NULL -> NULL is not.
    wh_->Execute("UPDATE src SET ville = 'y' WHERE id = 1");
    wh_->Execute("UPDATE src SET ville = NULL WHERE id = 2");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.inserted, 2);
    EXPECT_EQ(out.invalidated, 2);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|a|NULL|" + T1 + "|" + T2 + "|" + T1,
                             "1|a|y|" + T2 + "|NULL|" + T2,
                             "2|b|x|" + T1 + "|" + T2 + "|" + T1,
                             "2|b|NULL|" + T2 + "|NULL|" + T2,
                             "3|c|NULL|" + T1 + "|NULL|" + T1,
                             "4|NULL|z|" + T1 + "|NULL|" + T1,
                         }));
    EXPECT_EQ(Run(node, kT3).inserted, 0);
}

TEST_P(CheckSnapshotTest, AChangeBackToAnEarlierValueIsANewVersion) {
    wh_->Execute("INSERT INTO src VALUES (1, 'a', 'A')");
    Node node = CheckSnapshot("all");
    Run(node, kT1);
    wh_->Execute("UPDATE src SET ville = 'B'");
    Run(node, kT2);
    wh_->Execute("UPDATE src SET ville = 'A'");
    Run(node, kT3);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|a|A|" + T1 + "|" + T2 + "|" + T1,
                             "1|a|B|" + T2 + "|" + T3 + "|" + T2,
                             "1|a|A|" + T3 + "|NULL|" + T3,
                         }));
    EXPECT_EQ(wh_->Query("SELECT count(*) FROM snapshots.snap WHERE dbt_valid_to IS NULL").Int(0, 0), 1);
}

TEST_P(CheckSnapshotTest, UnlistedColumnsDoNotMakeVersions) {
    wh_->Execute("INSERT INTO src VALUES (1, 'Alice', 'Paris'), (2, 'Bruno', 'Lyon')");
    Node node = CheckSnapshot(List({"ville"}));
    Run(node, kT1);

    wh_->Execute("UPDATE src SET nom = 'Alicia' WHERE id = 1");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.inserted, 0);
    EXPECT_EQ(out.invalidated, 0);

    // A listed column changes: the new version carries every column as it is now.
    wh_->Execute("UPDATE src SET ville = 'Nice' WHERE id = 1");
    out = Run(node, kT3);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|Alice|Paris|" + T1 + "|" + T3 + "|" + T1,
                             "1|Alicia|Nice|" + T3 + "|NULL|" + T3,
                             "2|Bruno|Lyon|" + T1 + "|NULL|" + T1,
                         }));
}

TEST_P(CheckSnapshotTest, ANewSourceColumnIsAddedAndChecked) {
    wh_->Execute("INSERT INTO src VALUES (1, 'Alice', 'Paris'), (2, 'Bruno', 'Lyon')");
    Node node = CheckSnapshot("all");
    Run(node, kT1);

    // As in dbt, a checked column the table lacks makes every row a change on that run.
    wh_->Execute("ALTER TABLE src ADD COLUMN tel " + T(db::LogicalType::VARCHAR));
    wh_->Execute("UPDATE src SET tel = '0102' WHERE id = 1");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.added_columns, (std::vector<std::string>{"tel"}));
    EXPECT_EQ(out.inserted, 2);
    EXPECT_EQ(out.invalidated, 2);
    EXPECT_EQ(Versions("id, tel, dbt_valid_from, dbt_valid_to"), (std::vector<std::string>{
                                                                     "1|NULL|" + T1 + "|" + T2,
                                                                     "1|0102|" + T2 + "|NULL",
                                                                     "2|NULL|" + T1 + "|" + T2,
                                                                     "2|NULL|" + T2 + "|NULL",
                                                                 }));

    SnapshotOutcome again = Run(node, kT3);
    EXPECT_TRUE(again.added_columns.empty());
    EXPECT_EQ(again.inserted, 0);
    wh_->Execute("UPDATE src SET tel = '0304' WHERE id = 2");
    EXPECT_EQ(Run(node, kT4).inserted, 1);
}

TEST_P(CheckSnapshotTest, CompositeUniqueKey) {
    wh_->Execute("DROP TABLE src");
    CreateTable({{"service", db::LogicalType::VARCHAR},
                 {"lit", db::LogicalType::INTEGER},
                 {"patient", db::LogicalType::VARCHAR}});
    wh_->Execute("INSERT INTO src VALUES ('CARDIO', 1, 'P1'), ('CARDIO', 2, 'P2'), ('NEURO', 1, 'P3')");
    Node node = Snapshot(
        Config({{"strategy", "check"}, {"unique_key", List({"service", "lit"})}, {"check_cols", List({"patient"})}}));
    Run(node, kT1);
    EXPECT_EQ(
        Rows("dbt_scd_id", "service, lit"),
        (std::vector<std::string>{ScdId({"CARDIO", "1", T1}), ScdId({"CARDIO", "2", T1}), ScdId({"NEURO", "1", T1})}));

    wh_->Execute("UPDATE src SET patient = 'P4' WHERE service = 'NEURO' AND lit = 1");
    wh_->Execute("INSERT INTO src VALUES ('NEURO', 2, 'P1')");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.inserted, 2);
    EXPECT_EQ(out.invalidated, 1);
    EXPECT_EQ(Rows("service, lit, patient, dbt_valid_from, dbt_valid_to", "service, lit, dbt_valid_from"),
              (std::vector<std::string>{
                  "CARDIO|1|P1|" + T1 + "|NULL",
                  "CARDIO|2|P2|" + T1 + "|NULL",
                  "NEURO|1|P3|" + T1 + "|" + T2,
                  "NEURO|1|P4|" + T2 + "|NULL",
                  "NEURO|2|P1|" + T2 + "|NULL",
              }));
    EXPECT_EQ(Run(node, kT3).inserted, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, CheckSnapshotTest, ::testing::Values("duckdb", "postgres"), EngineName);

}  // namespace
}  // namespace hf::transform::testing

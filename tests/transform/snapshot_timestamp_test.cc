#include "snapshot_fixture.h"

namespace hf::transform::testing {
namespace {

using jinja::Value;

// Source update times.
const std::string U1 = "2025-12-01 08:00:00";
const std::string U2 = "2025-12-15 09:30:00";
const std::string U3 = "2025-12-20 17:45:00";

class TimestampSnapshotTest : public SnapshotTest {
protected:
    void SetUp() override {
        SnapshotTest::SetUp();
        CreateTable({{"id", db::LogicalType::INTEGER},
                     {"mutuelle", db::LogicalType::VARCHAR},
                     {"maj", db::LogicalType::TIMESTAMP}});
    }
    std::vector<std::string> History() {
        return Versions("id, mutuelle, dbt_valid_from, dbt_valid_to, dbt_updated_at");
    }
};

TEST_P(TimestampSnapshotTest, VersionsFollowUpdatedAt) {
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '" + U1 + "'), (2, 'Harmonie', '" + U1 + "')");
    Node node = TimestampSnapshot();
    SnapshotOutcome first = Run(node, kT1);
    EXPECT_TRUE(first.created);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|MGEN|" + U1 + "|NULL|" + U1,
                             "2|Harmonie|" + U1 + "|NULL|" + U1,
                         }));
    EXPECT_EQ(Rows("dbt_scd_id", "id"), (std::vector<std::string>{ScdId({"1", U1}), ScdId({"2", U1})}));

    // Values changed but updated_at did not move: no version, as in dbt.
    wh_->Execute("UPDATE src SET mutuelle = 'MAAF' WHERE id = 1");
    SnapshotOutcome same_time = Run(node, kT2);
    EXPECT_EQ(same_time.inserted, 0);
    EXPECT_EQ(same_time.invalidated, 0);

    // updated_at moves forward: the old version closes at the new updated_at.
    wh_->Execute("UPDATE src SET maj = '" + U2 + "' WHERE id = 1");
    // updated_at moves backwards: never a change.
    wh_->Execute("UPDATE src SET mutuelle = 'Alan', maj = '2025-11-01 00:00:00' WHERE id = 2");
    SnapshotOutcome out = Run(node, kT3);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(out.invalidated, 1);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|MGEN|" + U1 + "|" + U2 + "|" + U1,
                             "1|MAAF|" + U2 + "|NULL|" + U2,
                             "2|Harmonie|" + U1 + "|NULL|" + U1,
                         }));
    auto id = wh_->Query("SELECT dbt_scd_id FROM snapshots.snap WHERE id = 1 AND dbt_valid_to IS NULL");
    EXPECT_EQ(id.Text(0, 0), ScdId({"1", U2}));

    EXPECT_EQ(Run(node, kT4).inserted, 0);
}

TEST_P(TimestampSnapshotTest, NullUpdatedAtIsNeverAChange) {
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '" + U1 + "')");
    Node node = TimestampSnapshot();
    Run(node, kT1);
    wh_->Execute("UPDATE src SET mutuelle = 'MAAF', maj = NULL");
    EXPECT_EQ(Run(node, kT2).inserted, 0);
    EXPECT_EQ(History(), (std::vector<std::string>{"1|MGEN|" + U1 + "|NULL|" + U1}));
}

TEST_P(TimestampSnapshotTest, NewColumnIsAddedWithoutNewVersions) {
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '" + U1 + "'), (2, 'Harmonie', '" + U1 + "')");
    Node node = TimestampSnapshot();
    Run(node, kT1);

    wh_->Execute("ALTER TABLE src ADD COLUMN telephone " + T(db::LogicalType::VARCHAR));
    wh_->Execute("UPDATE src SET telephone = '0102'");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.added_columns, (std::vector<std::string>{"telephone"}));
    EXPECT_EQ(out.inserted, 0);

    wh_->Execute("UPDATE src SET telephone = '0304', maj = '" + U3 + "' WHERE id = 2");
    EXPECT_EQ(Run(node, kT3).inserted, 1);
    EXPECT_EQ(Versions("id, telephone, dbt_valid_from, dbt_valid_to"), (std::vector<std::string>{
                                                                           "1|NULL|" + U1 + "|NULL",
                                                                           "2|NULL|" + U1 + "|" + U3,
                                                                           "2|0304|" + U3 + "|NULL",
                                                                       }));
    auto columns = wh_->ListColumns("snapshots", "snap");
    std::vector<std::string> names;
    for (const auto& c : columns) {
        names.push_back(c.name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"id", "mutuelle", "maj", "dbt_scd_id", "dbt_updated_at",
                                               "dbt_valid_from", "dbt_valid_to", "telephone"}));
}

TEST_P(TimestampSnapshotTest, InvalidatedKeysCloseAtTheSnapshotTime) {
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '" + U1 + "'), (2, 'Harmonie', '" + U1 + "')");
    Node node = TimestampSnapshot({{"hard_deletes", "invalidate"}});
    Run(node, kT1);
    wh_->Execute("DELETE FROM src WHERE id = 2");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.invalidated, 1);
    EXPECT_EQ(out.inserted, 0);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|MGEN|" + U1 + "|NULL|" + U1,
                             "2|Harmonie|" + U1 + "|" + T2 + "|" + U1,
                         }));
}

TEST_P(TimestampSnapshotTest, MetaColumnNamesAndValidToCurrent) {
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '" + U1 + "')");
    jinja::ValueDict names;
    names.Set("dbt_valid_from", Value("date_debut"));
    names.Set("dbt_valid_to", Value("date_fin"));
    names.Set("dbt_scd_id", Value("id_version"));
    names.Set("dbt_updated_at", Value("date_maj"));
    Node node = TimestampSnapshot({{"snapshot_meta_column_names", Value(std::move(names))},
                                   {"dbt_valid_to_current", "CAST('9999-12-31' AS TIMESTAMP)"}});
    Run(node, kT1);
    wh_->Execute("UPDATE src SET mutuelle = 'MAAF', maj = '" + U2 + "'");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(out.invalidated, 1);
    EXPECT_EQ(Rows("id, mutuelle, date_debut, date_fin, date_maj, id_version", "date_debut"),
              (std::vector<std::string>{
                  "1|MGEN|" + U1 + "|" + U2 + "|" + U1 + "|" + ScdId({"1", U1}),
                  "1|MAAF|" + U2 + "|9999-12-31 00:00:00|" + U2 + "|" + ScdId({"1", U2}),
              }));
    EXPECT_EQ(Run(node, kT3).inserted, 0);
}

TEST_P(TimestampSnapshotTest, CheckStrategyWithUpdatedAtStampsVersionsWithIt) {
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '" + U1 + "')");
    Node node = CheckSnapshot(List({"mutuelle"}), {{"updated_at", "maj"}});
    Run(node, kT1);
    wh_->Execute("UPDATE src SET mutuelle = 'MAAF', maj = '" + U2 + "'");
    EXPECT_EQ(Run(node, kT2).inserted, 1);
    // updated_at alone moves: not a checked column, no version.
    wh_->Execute("UPDATE src SET maj = '" + U3 + "'");
    EXPECT_EQ(Run(node, kT3).inserted, 0);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|MGEN|" + U1 + "|" + U2 + "|" + U1,
                             "1|MAAF|" + U2 + "|NULL|" + U2,
                         }));
    EXPECT_EQ(Rows("dbt_scd_id", "dbt_valid_from"), (std::vector<std::string>{ScdId({"1", U1}), ScdId({"1", U2})}));
}

// updated_at WITH time zone: versions keep its type; the snapshot time of a hard delete is UTC.
TEST_P(TimestampSnapshotTest, UpdatedAtWithTimeZone) {
    wh_->Execute("SET TimeZone = 'UTC'");
    wh_->Execute("DROP TABLE src");
    CreateTable({{"id", db::LogicalType::INTEGER},
                 {"mutuelle", db::LogicalType::VARCHAR},
                 {"maj", db::LogicalType::TIMESTAMPTZ}});
    wh_->Execute("INSERT INTO src VALUES (1, 'MGEN', '2025-12-01 09:00:00+01'), (2, 'Alan', '2025-12-01 09:00:00+01')");
    Node node = TimestampSnapshot({{"hard_deletes", "invalidate"}});
    Run(node, kT1);
    wh_->Execute("UPDATE src SET mutuelle = 'MAAF', maj = '2025-12-02 09:00:00+01' WHERE id = 1");
    wh_->Execute("DELETE FROM src WHERE id = 2");
    SnapshotOutcome out = Run(node, kT2);
    EXPECT_EQ(out.inserted, 1);
    EXPECT_EQ(out.invalidated, 2);
    EXPECT_EQ(History(), (std::vector<std::string>{
                             "1|MGEN|2025-12-01 08:00:00+00|2025-12-02 08:00:00+00|2025-12-01 08:00:00+00",
                             "1|MAAF|2025-12-02 08:00:00+00|NULL|2025-12-02 08:00:00+00",
                             "2|Alan|2025-12-01 08:00:00+00|" + T2 + "+00|2025-12-01 08:00:00+00",
                         }));
}

INSTANTIATE_TEST_SUITE_P(Engines, TimestampSnapshotTest, ::testing::Values("duckdb", "postgres"), EngineName);

}  // namespace
}  // namespace hf::transform::testing

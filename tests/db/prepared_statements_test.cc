// Kept prepared statements and typed parameter binding of the DuckDB warehouse: the same
// answers as statements prepared anew, whatever the values, after the tables change, and when
// the oldest statements are dropped.
#include <gtest/gtest.h>

#include "db/duckdb_warehouse.h"

namespace hf::db::testing {
namespace {

constexpr const char* kCount =
    "SELECT count(*) AS n, coalesce(sum(v), 0) AS total FROM t "
    "WHERE jour BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE) "
    "AND (CAST($3 AS VARCHAR) IS NULL OR code = CAST($3 AS VARCHAR)) AND v >= CAST($4 AS INTEGER)";

std::string Answer(Warehouse& wh, const std::vector<Value>& params) {
    auto rs = wh.Query(kCount, params);
    return rs.Text(0, 0) + "/" + rs.Text(0, 1);
}

std::unique_ptr<DuckDbWarehouse> OpenWithRows(size_t kept) {
    auto wh = DuckDbWarehouse::Open(":memory:").Value();
    wh->Execute(
        "CREATE TABLE t AS SELECT DATE '2026-01-01' + CAST(i AS INTEGER) AS jour, 'S' || (i % 3) AS code, "
        "CAST(i AS INTEGER) AS v, TIMESTAMP '2026-01-01 00:00:00' + INTERVAL (i) HOUR AS ts FROM range(40) r(i)");
    wh->KeepPreparedStatements(kept);
    return wh;
}

TEST(PreparedStatementsTest, KeptStatementsAnswerLikeFreshOnesForEveryValue) {
    auto fresh = OpenWithRows(0);
    auto kept = OpenWithRows(8);
    const std::vector<std::vector<Value>> cases = {
        {"2026-01-01", "2026-01-10", Value(), 0},     // days 0-9
        {"2026-01-01", "2026-01-10", "S1", 0},        // 1, 4, 7
        {"2026-01-05", "2026-02-28", Value(), 30},    // 30-39
        {"2026-01-05", "2026-02-28", "S0", 30},       // 30, 33, 36, 39
        {"2026-03-01", "2026-03-31", Value(), 0},     // none
        {"2026-01-01", "2026-12-31", Value(), "35"},  // an integer given as text: 35-39
    };
    const std::vector<std::string> expected = {"10/45", "3/12", "10/345", "4/138", "0/0", "5/185"};
    for (int round = 0; round < 2; ++round) {
        for (size_t i = 0; i < cases.size(); ++i) {
            EXPECT_EQ(Answer(*fresh, cases[i]), expected[i]) << "fresh, case " << i;
            EXPECT_EQ(Answer(*kept, cases[i]), expected[i]) << "kept, case " << i << ", round " << round;
        }
    }
}

TEST(PreparedStatementsTest, TimestampTextIsBoundExactly) {
    auto wh = OpenWithRows(8);
    const std::string sql = "SELECT count(*) FROM t WHERE ts >= CAST($1 AS TIMESTAMP)";
    EXPECT_EQ(wh->Query(sql, {"2026-01-02 10:00:00"}).Text(0, 0), "6");         // hours 34-39
    EXPECT_EQ(wh->Query(sql, {"2026-01-02T10:00:00.000001"}).Text(0, 0), "5");  // hours 35-39
    EXPECT_EQ(wh->Query(sql, {"2026-01-02 10:00:00+00"}).Text(0, 0), "6");      // left to DuckDB's cast
    EXPECT_EQ(wh->Query(sql, {Value()}).Text(0, 0), "0");
}

TEST(PreparedStatementsTest, ImpossibleDatesAreStillRefused) {
    for (size_t kept : {size_t{0}, size_t{8}}) {
        auto wh = OpenWithRows(kept);
        EXPECT_EQ(Answer(*wh, {"2026-01-01", "2026-01-02", Value(), 0}), "2/1");
        try {
            Answer(*wh, {"2026-02-31", "2026-03-01", Value(), 0});
            ADD_FAILURE() << "2026-02-31 was accepted";
        } catch (const Error& e) {
            EXPECT_NE(e.Message().find("2026-02-31"), std::string::npos) << e.Message();
        }
        EXPECT_EQ(Answer(*wh, {"2026-01-01", "2026-01-02", Value(), 0}), "2/1") << "kept " << kept;
    }
}

TEST(PreparedStatementsTest, AKeptStatementReadsTheTableThatReplacedItsOwn) {
    auto wh = OpenWithRows(8);
    EXPECT_EQ(Answer(*wh, {"2026-01-01", "2026-12-31", Value(), 0}), "40/780");
    wh->Execute("CREATE OR REPLACE TABLE t AS SELECT DATE '2026-06-01' AS jour, 'S9' AS code, 7 AS v, "
                "TIMESTAMP '2026-06-01 00:00:00' AS ts");
    EXPECT_EQ(Answer(*wh, {"2026-01-01", "2026-12-31", Value(), 0}), "1/7");
    EXPECT_EQ(Answer(*wh, {"2026-01-01", "2026-12-31", "S9", 0}), "1/7");
}

TEST(PreparedStatementsTest, DroppingTheOldestKeepsAnswersRight) {
    auto wh = OpenWithRows(2);
    const std::vector<std::string> sqls = {"SELECT count(*) FROM t WHERE v < CAST($1 AS INTEGER)",
                                           "SELECT count(*) FROM t WHERE v > CAST($1 AS INTEGER)",
                                           "SELECT count(*) FROM t WHERE v = CAST($1 AS INTEGER)"};
    for (int round = 0; round < 3; ++round) {
        EXPECT_EQ(wh->Query(sqls[0], {10}).Text(0, 0), "10");
        EXPECT_EQ(wh->Query(sqls[1], {10}).Text(0, 0), "29");
        EXPECT_EQ(wh->Query(sqls[2], {10}).Text(0, 0), "1");
    }
    wh->KeepPreparedStatements(0);
    EXPECT_EQ(wh->Query(sqls[0], {5}).Text(0, 0), "5");
}

TEST(PreparedStatementsTest, StatementsWithoutParametersAreKeptOneAtATime) {
    auto wh = OpenWithRows(8);
    for (int round = 0; round < 2; ++round) {
        EXPECT_EQ(wh->Query("SELECT max(v) FROM t").Text(0, 0), round == 0 ? "39" : "40");
        // Several statements in one text still all run (the last one's rows are returned).
        EXPECT_EQ(wh->Query("UPDATE t SET v = v + 1 WHERE v = 39; SELECT max(v) FROM t").Text(0, 0), "40");
    }
}

}  // namespace
}  // namespace hf::db::testing

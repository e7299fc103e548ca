#include "common/error.h"
#include "project_fixture.h"
#include "run_fixture.h"
#include "transform/run/seed_loader.h"

namespace hf::transform::testing {
namespace {

using V = std::vector<std::string>;

TEST(SeedCsv, ParsesQuotesNullsAndCrlf) {
    auto d = ParseCsv("\xEF\xBB\xBF"
                      "a,b,c\r\n1,\"x, \"\"y\"\"\",\r\n2,,\"\"\r\n\n",
                      "s.csv");
    EXPECT_EQ(d.columns, (V{"a", "b", "c"}));
    ASSERT_EQ(d.rows.size(), 2u);
    EXPECT_EQ(*d.rows[0][1], "x, \"y\"");
    EXPECT_FALSE(d.rows[0][2].has_value());
    EXPECT_FALSE(d.rows[1][1].has_value());
    EXPECT_EQ(*d.rows[1][2], "");
    EXPECT_EQ(ErrorMessage([] { ParseCsv("a,b\n1\n", "seeds/s.csv"); }),
              "seeds/s.csv: record 2 has 1 fields, the header 2");
    EXPECT_EQ(ErrorMessage([] { ParseCsv("a\n\"x\n", "seeds/s.csv"); }), "seeds/s.csv:3: a quoted field is not closed");
}

TEST(SeedCsv, InfersTheNarrowestType) {
    using O = std::vector<std::optional<std::string>>;
    EXPECT_EQ(InferSeedType(O{"1", "-2", std::nullopt}), SeedType::INTEGER);
    EXPECT_EQ(InferSeedType(O{"1", "3000000000"}), SeedType::BIGINT);
    EXPECT_EQ(InferSeedType(O{"1", "2.5"}), SeedType::DOUBLE);
    EXPECT_EQ(InferSeedType(O{"2024-01-31"}), SeedType::DATE);
    EXPECT_EQ(InferSeedType(O{"2024-01-31 10:00:00", "2024-02-01T08:30:00.25", "2024-02-02"}), SeedType::TIMESTAMP);
    EXPECT_EQ(InferSeedType(O{"true", "False"}), SeedType::BOOLEAN);
    EXPECT_EQ(InferSeedType(O{"1", "x"}), SeedType::TEXT);
    EXPECT_EQ(InferSeedType(O{std::nullopt}), SeedType::TEXT);
    EXPECT_EQ(SeedTypeName(SeedType::DOUBLE, "postgres"), "double precision");
    EXPECT_EQ(SeedTypeName(SeedType::TEXT, "duckdb"), "varchar");
}

class Seeds : public RunTest {};

TEST_P(Seeds, LoadsTypedColumnsAndReplacesTheTable) {
    Write("dbt_project.yml", "name: p\nprofile: p\nseeds:\n  p:\n    +schema: ref\n");
    Write("seeds/tarifs.csv",
          "code,prix,jour,maj,actif,libelle,forcee\nA,1.5,2024-01-31,2024-01-31 10:00:00,true,Acte A,7\n"
          "B,2,2024-02-01,2024-02-01 08:30:00,false,,8\n");
    Write("seeds/tarifs.yml",
          "version: 2\nseeds:\n  - name: tarifs\n    config:\n      column_types: {forcee: varchar(10)}\n");
    auto s = Run(RunCommand::SEED);
    EXPECT_EQ(s.DoneLine(), "Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1");
    EXPECT_EQ(s.results.at(0).message, "INSERT 2");
    EXPECT_EQ(s.results.at(0).rows_affected, 2);
    std::vector<std::string> types;
    for (const auto& c : Wh().ListColumns(Schema("ref"), "tarifs")) {
        types.push_back(c.name + ":" + std::string(db::LogicalTypeName(c.type)));
    }
    EXPECT_EQ(types, (V{"code:VARCHAR", "prix:DOUBLE", "jour:DATE", "maj:TIMESTAMP", "actif:BOOLEAN", "libelle:VARCHAR",
                        "forcee:VARCHAR"}));
    EXPECT_EQ(
        Rows("select * from " + Rel("tarifs", "ref") + " order by code"),
        (V{"A|1.5|2024-01-31|2024-01-31 10:00:00|true|Acte A|7", "B|2|2024-02-01|2024-02-01 08:30:00|false|∅|8"}));
    Write("seeds/tarifs.csv", "code,prix\nC,3\n");
    Run(RunCommand::SEED);
    EXPECT_EQ(Rows("select * from " + Rel("tarifs", "ref")), V{"C|3"});
}

class DataTests : public RunTest {
protected:
    void SetUp() override {
        RunTest::SetUp();
        Write("models/m.sql",
              "{{ config(materialized='table') }}\n"
              "select 1 as id, 'a' as code union all select 2, 'b' union all select 2, null union all select 3, 'z'");
        Write("models/child.sql", "select * from {{ ref('m') }}");
        Write("models/m.yml",
              "version: 2\nmodels:\n  - name: m\n    columns:\n"
              "      - name: id\n        data_tests:\n          - unique\n"
              "          - not_null\n"
              "      - name: code\n        data_tests:\n"
              "          - not_null:\n              config:\n                severity: warn\n"
              "          - accepted_values:\n              values: [a, b]\n              where: \"id < 3\"\n"
              "          - accepted_values:\n              name: code_limite\n              values: [a]\n"
              "              config:\n                warn_if: '>= 1'\n                error_if: '> 5'\n");
    }
};

TEST_P(DataTests, CountsFailuresAndJudgesSeverity) {
    RunOptions o;
    o.command = RunCommand::BUILD;
    o.store_failures = true;
    auto s = Run(o);
    V statuses = Statuses(s);
    EXPECT_EQ(statuses, (V{"m=success", "accepted_values_m_code__a__b=pass", "code_limite=warn", "not_null_m_code=warn",
                           "not_null_m_id=pass", "unique_m_id=fail", "child=skipped"}));
    EXPECT_EQ(s.DoneLine(), "Done. PASS=3 WARN=2 ERROR=1 SKIP=1 TOTAL=7");
    std::map<std::string, NodeResult> by_name;
    for (const auto& r : s.results) {
        by_name[r.unique_id.substr(0, r.unique_id.rfind('.'))] = r;
    }
    EXPECT_EQ(by_name["test.p.unique_m_id"].failures, 1);
    EXPECT_EQ(by_name["test.p.unique_m_id"].message, "Got 1 result, configured to fail if != 0");
    EXPECT_EQ(by_name["test.p.code_limite"].failures, 2);
    EXPECT_EQ(by_name["test.p.code_limite"].message, "Got 2 results, configured to warn if >= 1");
    EXPECT_EQ(by_name["test.p.not_null_m_code"].failures, 1);
    // The failing rows are kept in <schema>_dbt_test__audit.
    std::string audit = Schema() + "_dbt_test__audit";
    EXPECT_EQ(Rows("select unique_field, n_records from " + db::Warehouse::QualifiedName(audit, "unique_m_id")),
              V{"2|2"});
    EXPECT_EQ(Rows("select count(*) from " + db::Warehouse::QualifiedName(audit, "not_null_m_id")), V{"0"});
    // `test` runs only tests; the model is already there.
    auto t = Run(RunCommand::TEST);
    EXPECT_EQ(t.DoneLine(), "Done. PASS=2 WARN=2 ERROR=1 SKIP=0 TOTAL=5");
}

TEST_P(DataTests, BuildWithoutFailingTestsRunsEverything) {
    Write("models/m.sql", "{{ config(materialized='table') }}\nselect 1 as id, 'a' as code");
    auto s = Run(RunCommand::BUILD);
    EXPECT_TRUE(s.Succeeded());
    EXPECT_EQ(s.DoneLine(), "Done. PASS=7 WARN=0 ERROR=0 SKIP=0 TOTAL=7");
    EXPECT_EQ(Statuses(s).back(), "child=success");
}

// unique and unique_combination_of_columns report the same rows on both engines (DuckDB finds
// the repeated values through their sorted hashes first): every repeated value or combination
// once with its count, NULL values ignored by unique and grouped together by the combination.
TEST_P(DataTests, UniqueTestsReportEachRepeatedValueOnce) {
    Write("models/k.sql",
          "{{ config(materialized='table') }}\n"
          "select * from (values (1, 'a', 10, 'x'), (2, 'b', 10, 'x'), (3, 'b', 10, 'y'), (4, null, null, 'x'),\n"
          "  (5, null, null, 'x'), (6, 'c', 20, 'x'), (7, 'b', 20, 'x'), (8, 'd', 30, null), (9, 'e', 30, null),\n"
          "  (10, 'f', 40, 'z')) as t(id, code, n, tag)");
    Write("models/k.yml",
          "version: 2\nmodels:\n  - name: k\n    columns:\n"
          "      - name: id\n        data_tests: [unique]\n"
          "      - name: code\n        data_tests: [unique]\n"
          "      - name: n\n        data_tests: [unique]\n"
          "    data_tests:\n"
          "      - dbt_utils.unique_combination_of_columns:\n          name: k_n_tag\n"
          "          combination_of_columns: [n, tag]\n");
    RunOptions o;
    o.command = RunCommand::BUILD;
    o.select = {"k"};
    o.store_failures = true;
    auto s = Run(o);
    EXPECT_EQ(Statuses(s), (V{"k=success", "k_n_tag=fail", "unique_k_code=fail", "unique_k_id=pass", "unique_k_n=fail"}));
    std::string audit = Schema() + "_dbt_test__audit";
    auto q = [&](const std::string& table, const std::string& columns) {
        return Rows("select " + columns + " from " + db::Warehouse::QualifiedName(audit, table) + " order by 1, 2");
    };
    EXPECT_EQ(q("unique_k_code", "unique_field, n_records"), (V{"b|3"}));
    EXPECT_EQ(q("unique_k_n", "unique_field, n_records"), (V{"10|3", "20|2", "30|2"}));
    EXPECT_EQ(q("k_n_tag", "n, tag, n_records"), (V{"10|x|2", "20|x|2", "30|∅|2", "∅|x|2"}));
    EXPECT_EQ(q("unique_k_id", "count(*), 0"), (V{"0|0"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, Seeds, ::testing::Values("duckdb", "postgres"), EngineName);
INSTANTIATE_TEST_SUITE_P(Engines, DataTests, ::testing::Values("duckdb", "postgres"), EngineName);

} // namespace
} // namespace hf::transform::testing

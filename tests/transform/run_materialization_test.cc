#include <atomic>
#include <set>
#include <thread>

#include "common/error.h"
#include "db/duckdb_warehouse.h"
#include "run_fixture.h"
#include "transform/run/materializations.h"

namespace hf::transform::testing {
namespace {

using V = std::vector<std::string>;

class Materializations : public RunTest {
protected:
    void SetUp() override {
        RunTest::SetUp();
        Wh().Execute("create schema raw");
        Wh().Execute("create table raw.sejours (id integer, service varchar(20), cout numeric(10,2))");
        Wh().Execute("insert into raw.sejours values (1, 'cardio', 100.50), (2, 'neuro', 80), (3, 'cardio', 20)");
        Write("models/sources.yml", "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: sejours\n");
        Write("models/v_sejours.sql", "select id, service, cout from {{ source('raw', 'sejours') }}");
        Write("models/e_cardio.sql",
              "{{ config(materialized='ephemeral') }}\nselect * from {{ ref('v_sejours') }} where service = 'cardio'");
        Write("models/t_cardio.sql",
              "{{ config(materialized='table', schema='core') }}\nselect id, cout from {{ ref('e_cardio') }}");
        Write("models/i_sejours.sql",
              "{{ config(materialized='incremental', unique_key='id') }}\n"
              "select id, service, cout from {{ ref('v_sejours') }}\n"
              "{% if is_incremental() %}where id >= (select max(id) from {{ this }}){% endif %}");
        Write("models/a_sejours.sql",
              "{{ config(materialized='incremental') }}\n"
              "select id, cout from {{ ref('v_sejours') }}\n"
              "{% if is_incremental() %}where id > (select max(id) from {{ this }}){% endif %}");
        Write("models/k_sejours.sql", "{{ config(materialized='incremental', unique_key=['service', 'id']) }}\n"
                                      "select id, service, cout * 2 as double_cout from {{ ref('v_sejours') }}");
    }

    std::optional<db::RelationKind> Kind(const std::string& name, const std::string& custom = "") {
        return Wh().GetRelationKind(Schema(custom), name);
    }
};

TEST_P(Materializations, BuildsViewsTablesIncrementalsAndNeverEphemerals) {
    auto s = Run(RunCommand::RUN);
    EXPECT_EQ(s.DoneLine(), "Done. PASS=5 WARN=0 ERROR=0 SKIP=0 TOTAL=5");
    EXPECT_EQ(Kind("v_sejours"), db::RelationKind::VIEW);
    EXPECT_EQ(Kind("t_cardio", "core"), db::RelationKind::TABLE);
    EXPECT_EQ(Kind("i_sejours"), db::RelationKind::TABLE);
    EXPECT_FALSE(Kind("e_cardio").has_value());
    EXPECT_FALSE(Kind("t_cardio__dbt_tmp", "core").has_value());
    EXPECT_EQ(Rows("select id, cout from " + Rel("t_cardio", "core") + " order by id"), (V{"1|100.50", "3|20.00"}));
    // A rebuilt table replaces the old one; a view follows its source.
    Wh().Execute("insert into raw.sejours values (4, 'cardio', 5)");
    Run(RunCommand::RUN, {"t_cardio"});
    EXPECT_EQ(Rows("select id from " + Rel("t_cardio", "core") + " order by id"), (V{"1", "3", "4"}));
}

TEST_P(Materializations, IncrementalMergesOnUniqueKeyAndAppendsWithout) {
    Run(RunCommand::RUN);
    Wh().Execute("update raw.sejours set cout = 999 where id = 3");
    Wh().Execute("insert into raw.sejours values (4, 'neuro', 40)");
    auto s = Run(RunCommand::RUN, {"i_sejours", "a_sejours", "k_sejours"});
    EXPECT_EQ(s.DoneLine(), "Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3");
    // unique_key id: rows 3 and 4 came again (id >= max); 3 was replaced, not duplicated.
    EXPECT_EQ(Rows("select id, service, cout from " + Rel("i_sejours") + " order by id"),
              (V{"1|cardio|100.50", "2|neuro|80.00", "3|cardio|999.00", "4|neuro|40.00"}));
    // No unique_key: only the new row was appended; row 3 keeps its first value.
    EXPECT_EQ(Rows("select id, cout from " + Rel("a_sejours") + " order by id"),
              (V{"1|100.50", "2|80.00", "3|20.00", "4|40.00"}));
    // A list as unique_key: every row came again and replaced its twin.
    EXPECT_EQ(Rows("select count(*), sum(double_cout) from " + Rel("k_sejours")), (V{"4|2439.00"}));
    for (const auto& r : s.results) {
        if (r.unique_id == "model.p.a_sejours") {
            EXPECT_EQ(r.message, "INSERT 1");
            EXPECT_EQ(r.rows_affected, 1);
        }
    }
    EXPECT_FALSE(Kind("i_sejours__dbt_tmp").has_value());
    // --full-refresh rebuilds from scratch: a_sejours now sees row 3's new value.
    RunOptions o;
    o.command = RunCommand::RUN;
    o.select = {"a_sejours"};
    o.full_refresh = true;
    Run(o);
    EXPECT_EQ(Rows("select id, cout from " + Rel("a_sejours") + " order by id"),
              (V{"1|100.50", "2|80.00", "3|999.00", "4|40.00"}));
}

TEST_P(Materializations, IncrementalAppendsNewColumnsWhenAsked) {
    Run(RunCommand::RUN, {"+a_sejours"});
    Write("models/a_sejours.sql", "{{ config(materialized='incremental', on_schema_change='append_new_columns') }}\n"
                                  "select id, cout, service from {{ ref('v_sejours') }}\n"
                                  "{% if is_incremental() %}where id > 2{% endif %}");
    Run(RunCommand::RUN, {"a_sejours"});
    EXPECT_EQ(Rows("select id, service from " + Rel("a_sejours") + " order by id"),
              (V{"1|∅", "2|∅", "3|∅", "3|cardio"}));
    Write("models/a_sejours.sql", "{{ config(materialized='incremental', on_schema_change='fail') }}\n"
                                  "select id, cout, service, 1 as extra from {{ ref('v_sejours') }}");
    auto s = Run(RunCommand::RUN, {"a_sejours"});
    ASSERT_EQ(s.results.size(), 1u);
    EXPECT_EQ(s.results[0].status, NodeStatus::ERROR);
    EXPECT_EQ(s.results[0].message,
              "model 'a_sejours': the query has column 'extra' that " + Rel("a_sejours") +
                  " lacks, and on_schema_change is 'fail' (run it with --full-refresh, or set on_schema_change to "
                  "append_new_columns)");
}

TEST_P(Materializations, AnIncrementalTableOlderThanItsModelAsksForAFullRefresh) {
    Run(RunCommand::RUN, {"+a_sejours"});
    // The model now reads a column of its own table that the table, built before, lacks.
    Write("models/a_sejours.sql", "{{ config(materialized='incremental') }}\n"
                                  "select id, cout, id as lot from {{ ref('v_sejours') }}\n"
                                  "{% if is_incremental() %}where id > (select max(t.lot) from {{ this }} t){% endif %}");
    auto s = Run(RunCommand::RUN, {"a_sejours"});
    ASSERT_EQ(s.results.size(), 1u);
    EXPECT_EQ(s.results[0].status, NodeStatus::ERROR);
    const std::string hint = "(the existing table " + Rel("a_sejours") +
                             " may come from an older version of the model; rebuild it once with `healthflow "
                             "transform run --full-refresh -s a_sejours`)";
    EXPECT_NE(s.results[0].message.find(hint), std::string::npos) << s.results[0].message;
    RunOptions o;
    o.command = RunCommand::RUN;
    o.select = {"a_sejours"};
    o.full_refresh = true;
    EXPECT_EQ(Run(o).DoneLine(), "Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1");
    EXPECT_EQ(Run(RunCommand::RUN, {"a_sejours"}).DoneLine(), "Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1");
}

TEST_P(Materializations, AFailedModelSkipsItsDependantsOnly) {
    Write("models/v_sejours.sql", "select id, service, cout from {{ source('raw', 'sejours') }} where nope = 1");
    Write("models/t_other.sql", "{{ config(materialized='table') }}\nselect 1 as x");
    auto s = Run(RunCommand::RUN);
    EXPECT_FALSE(s.Succeeded());
    EXPECT_EQ(s.DoneLine(), "Done. PASS=1 WARN=0 ERROR=1 SKIP=4 TOTAL=6");
    std::vector<std::string> statuses = Statuses(s);
    std::sort(statuses.begin(), statuses.end());
    EXPECT_EQ(statuses, (V{"a_sejours=skipped", "i_sejours=skipped", "k_sejours=skipped", "t_cardio=skipped",
                           "t_other=success", "v_sejours=error"}));
    for (const auto& r : s.results) {
        if (r.status == NodeStatus::SKIPPED) {
            EXPECT_EQ(r.message, "skipped: model.p.v_sejours failed");
        }
    }
}

TEST_P(Materializations, ThreadsGiveTheSameWarehouseAsOne) {
    RunOptions o;
    o.command = RunCommand::RUN;
    o.threads = 4;
    auto s = Run(o);
    EXPECT_EQ(s.threads, 4);
    EXPECT_TRUE(s.Succeeded());
    auto four = Rows("select id, cout from " + Rel("t_cardio", "core") + " order by id");
    auto four_k = Rows("select * from " + Rel("k_sejours") + " order by id");
    o.threads = 1;
    o.full_refresh = true;
    Run(o);
    EXPECT_EQ(Rows("select id, cout from " + Rel("t_cardio", "core") + " order by id"), four);
    EXPECT_EQ(Rows("select * from " + Rel("k_sejours") + " order by id"), four_k);
}

TEST_P(Materializations, IsIncrementalFollowsTheRelation) {
    Run(RunCommand::RUN, {"+i_sejours"});
    // The table replaced by a view: the next run is a first run again (a full build).
    Wh().Execute("drop table " + Rel("i_sejours"));
    Wh().Execute("create view " + Rel("i_sejours") + " as select 1 as id");
    auto s = Run(RunCommand::RUN, {"i_sejours"});
    EXPECT_EQ(s.results.at(0).status, NodeStatus::SUCCESS);
    EXPECT_EQ(Kind("i_sejours"), db::RelationKind::TABLE);
    EXPECT_EQ(Rows("select count(*) from " + Rel("i_sejours")), V{"3"});
}

TEST_P(Materializations, RunsPreAndPostHooksAroundTheModel) {
    Write(
        "models/h.sql",
        "{{ config(materialized='table', pre_hook=\"create table if not exists raw.journal (quoi varchar(100))\", "
        "post_hook=[\"insert into raw.journal values ('{{ this.name }} ' || (select count(*) from {{ this }}))\"]) }}\n"
        "select 1 as x union all select 2");
    Run(RunCommand::RUN, {"h"});
    Run(RunCommand::RUN, {"h"});
    EXPECT_EQ(Rows("select quoi from raw.journal"), (V{"h 2", "h 2"}));
}

TEST_P(Materializations, RunQueryReadsTheWarehouseWhileCompiling) {
    Write("models/q.sql",
          "{% set r = run_query('select max(id) as m from raw.sejours') %}\n"
          "select {{ r.rows[0][0] if execute else 0 }} as plus_grand, '{{ r.column_names | join(',') if execute }}' as cols");
    auto s = Run(RunCommand::RUN, {"q"});
    EXPECT_EQ(s.DoneLine(), "Done. PASS=1 WARN=0 ERROR=0 SKIP=0 TOTAL=1");
    EXPECT_EQ(Rows("select * from " + Rel("q")), V{"3|m"});
}

INSTANTIATE_TEST_SUITE_P(Engines, Materializations, ::testing::Values("duckdb", "postgres"), EngineName);

} // namespace
} // namespace hf::transform::testing

namespace hf::transform::testing {
namespace {

// DuckDB: while a table model is rebuilt again and again, a reader on another connection always
// finds the table, with the old rows or the new ones.
TEST(TableSwap, AConcurrentReaderSeesTheOldOrTheNewTableNeverNone) {
    hf::testing::TempDir dir;
    auto writer = db::DuckDbWarehouse::Open(dir.Path() / "w.duckdb").Value();
    auto reader = db::DuckDbWarehouse::Open(dir.Path() / "w.duckdb").Value();
    writer->Execute("create table main.t as select range as i from range(1000)");
    Node node;
    node.name = node.alias = "t";
    node.schema = "main";
    node.relation_name = "\"main\".\"t\"";
    node.config.AsDict().Set("materialized", jinja::Value("table"));
    std::atomic<bool> stop = false;
    std::set<int64_t> counts;
    std::string failure;
    int reads = 0;
    std::thread read([&] {
        while (!stop) {
            try {
                counts.insert(reader->Query("select count(*) from main.t").Int(0, 0));
                ++reads;
            } catch (const Error& e) {
                failure = e.Message();
                return;
            }
        }
    });
    for (int k = 0; k < 30; ++k) {
        node.compiled_code = "select range as i from range(" + std::to_string(k % 2 ? 1000 : 2000) + ")";
        NodeSql sql(*writer);
        BuildModel(sql, node, false);
    }
    stop = true;
    read.join();
    EXPECT_EQ(failure, "");
    EXPECT_GT(reads, 0);
    for (auto c : counts) {
        EXPECT_TRUE(c == 1000 || c == 2000) << c;
    }
    EXPECT_EQ(writer->Query("select count(*) from main.t").Int(0, 0), 1000);
}

} // namespace
} // namespace hf::transform::testing

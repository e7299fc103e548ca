#include "run_fixture.h"

namespace hf::transform::testing {
namespace {

using V = std::vector<std::string>;

// cluster_by on both engines: DuckDB keeps the rows in order (and rewrites a table whose
// appended rows made look-ups read too many row groups); PostgreSQL gets an index instead.
class Clustering : public RunTest {
protected:
    void SetUp() override {
        RunTest::SetUp();
        Wh().Execute("create schema raw");
        // 300 000 visits (3 DuckDB row groups) stored in no particular order of id.
        Wh().Execute(
            Duck() ? "create table raw.visites as select i as id, 1 as lot from range(1, 300001) t(i) order by hash(i)"
                   : "create table raw.visites as select i as id, 1 as lot from generate_series(1, 300000) i "
                     "order by md5(i::text)");
        Write("models/sources.yml", "version: 2\nsources:\n  - name: raw\n    tables:\n      - name: visites\n");
        Write("models/c_visites.sql", Model("cluster_by='id', cluster_max_depth=1.5"));
        Write("models/d_visites.sql", Model("cluster_by=['id']"));
        Write("models/n_visites.sql", Model(""));
    }

    static std::string Model(const std::string& cluster) {
        return "{{ config(materialized='incremental', unique_key='id'" + (cluster.empty() ? "" : ", " + cluster) +
               ") }}\nselect id, lot from {{ source('raw', 'visites') }}\n"
               "{% if is_incremental() %}where lot > (select max(lot) from {{ this }}){% endif %}";
    }

    bool Duck() const { return GetParam() == "duckdb"; }

    // DuckDB: rows whose id is lower than the row stored before them (0 = the table is in order).
    int64_t Descents(const std::string& model) {
        return Wh()
            .Query("select count(*) from (select id, lag(id) over (order by rowid) as previous from " + Rel(model) +
                   ") where id < previous")
            .Int(0, 0);
    }

    // DuckDB: row groups read by a look-up of one id, on average (the runner's measure).
    double Depth(const std::string& model) {
        return Wh()
            .Query("with g as (select rowid // 122880 as n, min(id) as low, max(id) as high from " + Rel(model) +
                   " group by 1) select avg((select count(*) from g o where o.low <= g.low and g.low <= o.high)) "
                   "from g")
            .Double(0, 0);
    }

    std::string Message(const RunSummary& s, const std::string& model) {
        for (const auto& r : s.results) {
            if (r.unique_id == "model.p." + model) {
                return r.message;
            }
        }
        return "(no result for " + model + ")";
    }

    // PostgreSQL: the definitions of the model's indexes.
    V Indexes(const std::string& model) {
        return Rows("select indexdef from pg_indexes where schemaname = '" + Schema() + "' and tablename = '" + model +
                    "' order by indexname");
    }
};

TEST_P(Clustering, AFullBuildWritesTheRowsInOrderOrIndexesThem) {
    auto s = Run(RunCommand::RUN);
    EXPECT_EQ(s.DoneLine(), "Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3");
    if (Duck()) {
        EXPECT_EQ(Descents("c_visites"), 0);
        EXPECT_EQ(Descents("d_visites"), 0);
        EXPECT_GT(Descents("n_visites"), 100000) << "without cluster_by the rows keep the source's order";
        EXPECT_DOUBLE_EQ(Depth("c_visites"), 1.0);
        EXPECT_GT(Depth("n_visites"), 1.5);
    } else {
        const std::string index = "CREATE INDEX c_visites__cluster_by ON " + Schema() + ".c_visites USING btree (id)";
        EXPECT_EQ(Indexes("c_visites"), V{index});
        EXPECT_EQ(Indexes("n_visites"), V{});
        // A rebuild replaces the table; the index comes with the new one.
        RunOptions o;
        o.command = RunCommand::RUN;
        o.select = {"c_visites"};
        o.full_refresh = true;
        Run(o);
        EXPECT_EQ(Indexes("c_visites"), V{index});
    }
}

TEST_P(Clustering, AnIncrementalBuildReclustersOnlyPastItsDepth) {
    Run(RunCommand::RUN);
    // Every other visit changes: 150 000 rows deleted across the table and appended after it.
    Wh().Execute("update raw.visites set lot = 2 where id % 2 = 0");
    auto s = Run(RunCommand::RUN);
    EXPECT_EQ(s.DoneLine(), "Done. PASS=3 WARN=0 ERROR=0 SKIP=0 TOTAL=3");
    for (const std::string model : {"c_visites", "d_visites", "n_visites"}) {
        EXPECT_EQ(Rows("select count(*), count(distinct id), sum(lot) from " + Rel(model)), V{"300000|300000|450000"})
            << model;
    }
    if (Duck()) {
        // The appended rows span every id: about two row groups per look-up. Past c_visites'
        // cluster_max_depth 1.5, the table is rewritten in order; d_visites keeps the default, 4.
        EXPECT_EQ(Message(s, "c_visites").rfind("INSERT 150000, reclustered (depth 2.", 0), 0u)
            << Message(s, "c_visites");
        EXPECT_EQ(Descents("c_visites"), 0);
        EXPECT_DOUBLE_EQ(Depth("c_visites"), 1.0);
        EXPECT_EQ(Message(s, "d_visites"), "INSERT 150000");
        EXPECT_GT(Descents("d_visites"), 0);
        EXPECT_GT(Depth("d_visites"), 1.5);
        EXPECT_LT(Depth("d_visites"), 4.0);
    } else {
        EXPECT_EQ(Message(s, "c_visites"), "INSERT 150000");
        EXPECT_EQ(Indexes("c_visites").size(), 1u);
        // A table built before cluster_by was set gets its index at its next incremental build.
        Write("models/n_visites.sql", Model("cluster_by='id'"));
        Wh().Execute("update raw.visites set lot = 3 where id = 7");
        Run(RunCommand::RUN, {"n_visites"});
        EXPECT_EQ(Indexes("n_visites"),
                  V{"CREATE INDEX n_visites__cluster_by ON " + Schema() + ".n_visites USING btree (id)"});
    }
}

TEST_P(Clustering, AnIncrementalBuildSortsTheAppendedRowsIntoOneRun) {
    Write("models/c_visites.sql", Model("cluster_by='id', cluster_sort_appended=true, cluster_max_appended=0.4"));
    Run(RunCommand::RUN, {"c_visites", "d_visites"});
    // Two builds append a tenth of the visits each, across every id.
    for (int lot = 2; lot <= 3; ++lot) {
        Wh().Execute("update raw.visites set lot = " + std::to_string(lot) + " where id % 10 = " + std::to_string(lot));
        auto s = Run(RunCommand::RUN, {"c_visites", "d_visites"});
        EXPECT_EQ(Message(s, "d_visites"), "INSERT 30000");
        if (Duck()) {
            std::string message = Message(s, "c_visites");
            EXPECT_EQ(message.rfind("INSERT 30000, ", 0), 0u) << message;
            EXPECT_NE(message.find(" appended rows sorted"), std::string::npos) << message;
        } else {
            EXPECT_EQ(Message(s, "c_visites"), "INSERT 30000");
        }
    }
    for (const std::string model : {"c_visites", "d_visites"}) {
        EXPECT_EQ(Rows("select count(*), count(distinct id), sum(lot) from " + Rel(model)), V{"300000|300000|390000"})
            << model;
    }
    if (Duck()) {
        // The ordered part, then one run in order; without the option, one run per build.
        EXPECT_EQ(Descents("c_visites"), 1);
        EXPECT_EQ(Descents("d_visites"), 2);
        // A third of the visits at once: past cluster_max_appended, the table is rewritten whole.
        Wh().Execute("update raw.visites set lot = 4 where id % 3 = 0");
        auto s = Run(RunCommand::RUN, {"c_visites"});
        EXPECT_EQ(Message(s, "c_visites").rfind("INSERT 100000, reclustered (", 0), 0u) << Message(s, "c_visites");
        EXPECT_NE(Message(s, "c_visites").find(" % of the rows appended)"), std::string::npos);
        EXPECT_EQ(Descents("c_visites"), 0);
        EXPECT_EQ(Rows("select count(*), count(distinct id) from " + Rel("c_visites")), V{"300000|300000"});
        // A build that writes nothing leaves the table as it is.
        EXPECT_EQ(Message(Run(RunCommand::RUN, {"c_visites"}), "c_visites"), "INSERT 0");
    }
}

TEST_P(Clustering, AnIncrementalBuildKeepsTheRowsFoundAgainUnchanged) {
    // Both models select every visit at every build; one of them is clustered.
    Write("models/c_visites.sql", "{{ config(materialized='incremental', unique_key='id', cluster_by='id', "
                                  "cluster_keep_unchanged=true) }}\n"
                                  "select id, lot, case when id % 3 = 0 then null else id end as note "
                                  "from {{ source('raw', 'visites') }}");
    Write("models/n_visites.sql", "{{ config(materialized='incremental', unique_key='id') }}\n"
                                  "select id, lot from {{ source('raw', 'visites') }}");
    // Clustered without cluster_keep_unchanged: every row selected is deleted and appended again.
    Write("models/d_visites.sql", "{{ config(materialized='incremental', unique_key='id', cluster_by='id') }}\n"
                                  "select id, lot from {{ source('raw', 'visites') }}");
    Run(RunCommand::RUN, {"c_visites", "n_visites", "d_visites"});
    Wh().Execute("update raw.visites set lot = 5 where id <= 10");
    auto s = Run(RunCommand::RUN, {"c_visites", "n_visites", "d_visites"});
    EXPECT_EQ(Message(s, "c_visites"), "INSERT 10") << "rows with a NULL found again are unchanged too";
    EXPECT_EQ(Message(s, "n_visites"), "INSERT 300000");
    EXPECT_EQ(Message(s, "d_visites"), "INSERT 300000");
    EXPECT_EQ(Rows("select count(*), sum(lot) from " + Rel("d_visites")), V{"300000|300040"});
    EXPECT_EQ(Rows("select count(*), sum(lot), count(note) from " + Rel("c_visites")), V{"300000|300040|200000"});
    EXPECT_EQ(Rows("select count(*), sum(lot) from " + Rel("n_visites")), V{"300000|300040"});
    if (Duck()) {
        // Only the ten changed rows moved to the end (the rows before them stay in order).
        EXPECT_EQ(Rows("select count(*) from (select id, row_number() over (order by rowid) as position from " +
                       Rel("c_visites") + ") where position > 299990 and id <= 10"),
                  V{"10"});
    }
}

TEST_P(Clustering, AKeyOfSeveralRowsIsKeptOnlyWhenNoneOfItsRowsChanged) {
    // 1000 groups of 300 visits: the unique_key names a group, as patient_id names a patient's
    // versions.
    Write("models/c_visites.sql", "{{ config(materialized='incremental', unique_key='groupe', cluster_by='groupe', "
                                  "cluster_keep_unchanged=true) }}\n"
                                  "select id % 1000 as groupe, id, lot from {{ source('raw', 'visites') }}");
    Run(RunCommand::RUN, {"c_visites"});
    Wh().Execute("update raw.visites set lot = 5 where id = 7");
    Wh().Execute("delete from raw.visites where id = 8");
    Wh().Execute("insert into raw.visites values (300009, 1)");
    auto s = Run(RunCommand::RUN, {"c_visites"});
    // Group 7 changed a row, 8 lost one, 9 gained one: their rows are rewritten, no others.
    EXPECT_EQ(Message(s, "c_visites"), "INSERT 900"); // 300 + 299 + 301
    EXPECT_EQ(Rows("select groupe, count(*), sum(lot) from " + Rel("c_visites") +
                   " where groupe between 6 and 10 group by groupe order by groupe"),
              (V{"6|300|300", "7|300|304", "8|299|299", "9|301|301", "10|300|300"}));
    EXPECT_EQ(Rows("select count(*) from " + Rel("c_visites")), V{"300000"});
}

TEST_P(Clustering, AMalformedConfigStopsTheModelWithAHint) {
    Write("models/v_visites.sql", "{{ config(materialized='view', cluster_by='id') }}\nselect 1 as id");
    Write("models/z_visites.sql",
          "{{ config(materialized='table', cluster_by='id', cluster_max_depth=0) }}\nselect 1 as id");
    Write("models/e_visites.sql", "{{ config(materialized='table', cluster_by=['']) }}\nselect 1 as id");
    Write("models/k_visites.sql", "{{ config(materialized='incremental', unique_key=['id', 'lot'], cluster_by='id', "
                                  "cluster_keep_unchanged=true) }}\nselect 1 as id, 2 as lot");
    Write("models/b_visites.sql",
          "{{ config(materialized='table', cluster_by='id', cluster_keep_unchanged='yes') }}\nselect 1 as id");
    Write("models/s_visites.sql",
          "{{ config(materialized='table', cluster_by='id', cluster_sort_appended=1) }}\nselect 1 as id");
    Write("models/m_visites.sql",
          "{{ config(materialized='table', cluster_by='id', cluster_max_appended=0) }}\nselect 1 as id");
    auto s = Run(RunCommand::RUN,
                 {"v_visites", "z_visites", "e_visites", "k_visites", "b_visites", "s_visites", "m_visites"});
    EXPECT_EQ(s.DoneLine(), "Done. PASS=0 WARN=0 ERROR=7 SKIP=0 TOTAL=7");
    EXPECT_EQ(Message(s, "s_visites"), "models/s_visites.sql: model 's_visites': cluster_sort_appended must be true "
                                       "or false (leave it out for the default, false)");
    EXPECT_EQ(Message(s, "m_visites"), "models/m_visites.sql: model 'm_visites': cluster_max_appended must be a share "
                                       "of the table's rows, above 0 and at most 1 (leave it out for the default, "
                                       "0.05)");
    EXPECT_EQ(Message(s, "k_visites"), "models/k_visites.sql: model 'k_visites': cluster_keep_unchanged needs a "
                                       "one-column unique_key (name one column in unique_key, or drop "
                                       "cluster_keep_unchanged)");
    EXPECT_EQ(Message(s, "b_visites"), "models/b_visites.sql: model 'b_visites': cluster_keep_unchanged must be true "
                                       "or false (leave it out for the default, false)");
    EXPECT_EQ(Message(s, "v_visites"),
              "models/v_visites.sql: model 'v_visites': cluster_by applies to tables, not to a "
              "view (materialize the model as a table or an incremental model, or drop "
              "cluster_by)");
    EXPECT_EQ(Message(s, "z_visites"), "models/z_visites.sql: model 'z_visites': cluster_max_depth must be a number of "
                                       "at least 1 (leave it out for the default, 4 (row groups read by a look-up))");
    EXPECT_EQ(Message(s, "e_visites"), "models/e_visites.sql: model 'e_visites': cluster_by must name columns (write "
                                       "cluster_by='patient_id' or a list of columns)");
}

INSTANTIATE_TEST_SUITE_P(Engines, Clustering, ::testing::Values("duckdb", "postgres"), EngineName);

} // namespace
} // namespace hf::transform::testing

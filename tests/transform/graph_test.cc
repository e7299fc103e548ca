#include <gtest/gtest.h>

#include "common/error.h"
#include "project_fixture.h"
#include "transform/graph/graph.h"
#include "transform/graph/selector.h"

namespace hf::transform {
namespace {

using testing::ErrorMessage;
using testing::ProjectFixture;

// raw.a (source) -> stg_a -> int_b -> fct_c -> rpt_d ; seed s -> int_b ; stg_x independent.
class GraphTest : public ::testing::Test {
protected:
    void SetUp() override {
        f_.Write("dbt_project.yml",
                 "name: p\nprofile: p\nmodels:\n  p:\n    staging:\n      +tags: [stg]\n      +materialized: view\n"
                 "    marts:\n      +materialized: table\n      +tags: [marts]\n");
        f_.Write("models/staging/src.yml", "sources:\n  - name: raw\n    tables: [{name: a}, {name: z}]\n");
        f_.Write("models/staging/stg_a.sql", "select * from {{ source('raw', 'a') }}");
        f_.Write("models/staging/stg_x.sql", "{{ config(tags=['lonely']) }}select * from {{ source('raw', 'z') }}");
        f_.Write("seeds/s.csv", "k\n1\n");
        f_.Write("models/int_b.sql", "{{ config(materialized='ephemeral') }}select * from {{ ref('stg_a') }}, {{ ref('s') }}");
        f_.Write("models/marts/fct_c.sql", "select * from {{ ref('int_b') }}");
        f_.Write("models/marts/rpt_d.sql", "{{ config(tags=['daily']) }}select * from {{ ref('fct_c') }}");
        f_.Write("models/marts/schema.yml", "models:\n  - name: fct_c\n    columns:\n      - name: id\n        tests: [unique]\n");
        session_ = f_.Open();
    }

    std::string Sel(std::vector<std::string> select, std::vector<std::string> exclude = {}) {
        auto ids = SelectNodes(session_->GetProject(), session_->GetGraph(), select, exclude);
        std::string out;
        for (const auto& id : session_->GetGraph().TopologicalOrder(ids)) {
            auto it = session_->GetProject().nodes.find(id);
            std::string name = it != session_->GetProject().nodes.end() ? it->second.name : id.substr(id.find('.', 7) + 1);
            out += (out.empty() ? "" : " ") + name;
        }
        return out;
    }

    ProjectFixture f_;
    std::unique_ptr<Session> session_;
};

TEST_F(GraphTest, TopologicalOrderAndReadySets) {
    const Graph& g = session_->GetGraph();
    EXPECT_EQ(Sel({}), "s raw.a raw.z stg_a stg_x int_b fct_c rpt_d unique_fct_c_id");
    auto waves = g.ReadySets({"model.p.stg_a", "seed.p.s", "model.p.int_b", "model.p.fct_c", "model.p.rpt_d",
                              "model.p.stg_x"});
    ASSERT_EQ(waves.size(), 4u);
    EXPECT_EQ(waves[0], (std::vector<std::string>{"model.p.stg_a", "model.p.stg_x", "seed.p.s"}));
    EXPECT_EQ(waves[1], (std::vector<std::string>{"model.p.int_b"}));
    EXPECT_EQ(waves[3], (std::vector<std::string>{"model.p.rpt_d"}));
    EXPECT_EQ(g.Ancestors("model.p.fct_c"),
              (std::set<std::string>{"model.p.int_b", "model.p.stg_a", "seed.p.s", "source.p.raw.a"}));
    EXPECT_EQ(g.Ancestors("model.p.fct_c", 1), (std::set<std::string>{"model.p.int_b"}));
}

TEST_F(GraphTest, SelectorsByNameGraphOperatorsAndMethods) {
    EXPECT_EQ(Sel({"stg_a"}), "stg_a");
    EXPECT_EQ(Sel({"+fct_c"}), "s raw.a stg_a int_b fct_c unique_fct_c_id");
    EXPECT_EQ(Sel({"1+fct_c"}), "int_b fct_c unique_fct_c_id");
    EXPECT_EQ(Sel({"int_b+"}), "int_b fct_c rpt_d unique_fct_c_id");
    EXPECT_EQ(Sel({"stg_a+1"}), "stg_a int_b");
    EXPECT_EQ(Sel({"@int_b"}), "s raw.a stg_a int_b fct_c rpt_d unique_fct_c_id");
    EXPECT_EQ(Sel({"tag:stg"}), "stg_a stg_x");
    EXPECT_EQ(Sel({"tag:daily"}), "rpt_d");
    EXPECT_EQ(Sel({"path:models/marts"}), "fct_c rpt_d unique_fct_c_id");
    EXPECT_EQ(Sel({"models/staging/stg_x.sql"}), "stg_x");
    EXPECT_EQ(Sel({"marts"}), "fct_c rpt_d unique_fct_c_id");
    EXPECT_EQ(Sel({"source:raw.a+"}), "raw.a stg_a int_b fct_c rpt_d unique_fct_c_id");
    EXPECT_EQ(Sel({"source:raw"}), "raw.a raw.z");
    EXPECT_EQ(Sel({"resource_type:seed"}), "s");
    EXPECT_EQ(Sel({"resource_type:test"}), "unique_fct_c_id");
    EXPECT_EQ(Sel({"test_type:generic"}), "unique_fct_c_id");
    EXPECT_EQ(Sel({"config.materialized:view"}), "stg_a stg_x");
    EXPECT_EQ(Sel({"config.materialized:ephemeral"}), "int_b");
    EXPECT_EQ(Sel({"stg_*"}), "stg_a stg_x");
}

TEST_F(GraphTest, UnionIntersectionAndExclude) {
    EXPECT_EQ(Sel({"stg_a rpt_d"}), "rpt_d stg_a");  // one wave, by unique id
    EXPECT_EQ(Sel({"stg_a", "rpt_d"}), "rpt_d stg_a");
    EXPECT_EQ(Sel({"tag:stg,tag:lonely"}), "stg_x");
    EXPECT_EQ(Sel({"+rpt_d,config.materialized:table"}), "fct_c rpt_d unique_fct_c_id");  // tests follow their parent
    EXPECT_EQ(Sel({"+rpt_d"}, {"int_b+"}), "s raw.a stg_a");
    EXPECT_EQ(Sel({}, {"resource_type:test", "source:*"}), "stg_a stg_x s int_b fct_c rpt_d");
    EXPECT_EQ(ErrorMessage([&] { Sel({"colour:red"}); }), "unknown selector method 'colour'");
}

TEST(GraphCycle, PrintsTheCycle) {
    ProjectFixture f;
    f.Write("models/a.sql", "select * from {{ ref('c') }}");
    f.Write("models/b.sql", "select * from {{ ref('a') }}");
    f.Write("models/c.sql", "select * from {{ ref('b') }}");
    f.Write("models/d.sql", "select * from {{ ref('a') }}");
    EXPECT_EQ(ErrorMessage([&] { f.Open(); }), "dependency cycle: a -> b -> c -> a");
    ProjectFixture g;
    g.Write("models/self.sql", "select * from {{ ref('self') }}");
    EXPECT_EQ(ErrorMessage([&] { g.Open(); }), "dependency cycle: self -> self");
}

}  // namespace
}  // namespace hf::transform

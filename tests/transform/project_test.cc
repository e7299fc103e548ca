#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.h"
#include "project_fixture.h"
#include "transform/project/project_loader.h"
#include "transform/project/target.h"

namespace hf::transform {
namespace {

using testing::ErrorMessage;
using testing::ProjectFixture;

std::string Tags(const Node& n) {
    std::string out;
    for (const auto& t : n.Tags()) {
        out += (out.empty() ? "" : ",") + t;
    }
    return out;
}

TEST(ProjectConfig, DeepestFolderWinsInFileBeatsYamlBeatsProjectAndTagsAccumulate) {
    ProjectFixture f;
    f.Write("dbt_project.yml",
            "name: p\nprofile: p\nmodels:\n  +tags: all\n  p:\n    +materialized: view\n    +tags: [base]\n"
            "    staging:\n      +materialized: table\n      +schema: stg\n      +tags: [stg]\n"
            "      deep:\n        materialized: incremental\n        +tags: [deep]\n"
            "    marts:\n      +enabled: false\n");
    f.Write("models/staging/a.sql", "select 1");
    f.Write("models/staging/deep/b.sql", "{{ config(materialized='ephemeral', tags=['infile']) }}select 1");
    f.Write("models/staging/deep/c.sql", "select 1");
    f.Write("models/marts/d.sql", "select 1");
    f.Write("models/top.sql", "select 1");
    f.Write("models/schema.yml",
            "version: 2\nmodels:\n  - name: c\n    config: {materialized: view, tags: [yaml]}\n"
            "  - name: b\n    config: {materialized: table}\n"
            "  - name: d\n    columns: [{name: id, tests: [unique]}]\n");
    auto s = f.Open();
    const auto& nodes = s->GetProject().nodes;
    EXPECT_EQ(nodes.at("model.p.a").Materialized(), "table");
    EXPECT_EQ(nodes.at("model.p.a").Config("schema").Str(), "stg");
    EXPECT_EQ(Tags(nodes.at("model.p.a")), "all,base,stg");
    EXPECT_EQ(nodes.at("model.p.b").Materialized(), "ephemeral");  // in-file beats YAML and project
    EXPECT_EQ(Tags(nodes.at("model.p.b")), "all,base,stg,deep,infile");
    EXPECT_EQ(nodes.at("model.p.c").Materialized(), "view");  // YAML beats project
    EXPECT_EQ(Tags(nodes.at("model.p.c")), "all,base,stg,deep,yaml");
    EXPECT_EQ(nodes.at("model.p.top").Materialized(), "view");
    EXPECT_FALSE(nodes.at("model.p.d").Enabled());
    for (const auto& [id, n] : nodes) {
        if (n.attached_node == "model.p.d") {
            EXPECT_FALSE(n.Enabled()) << id;
        }
    }
    EXPECT_EQ(nodes.at("model.p.a").fqn, (std::vector<std::string>{"p", "staging", "a"}));
    EXPECT_EQ(nodes.at("model.p.b").path, "staging/deep/b.sql");
}

TEST(ProjectTests, BothSyntaxesArgumentsSeverityAndWhere) {
    ProjectFixture f;
    f.Write("models/orders.sql", "select 1 as id, 'x' as status");
    f.Write("models/customers.sql", "select 1 as id");
    f.Write("models/schema.yml", R"(version: 2
models:
  - name: orders
    columns:
      - name: id
        tests: [unique, not_null]
      - name: status
        data_tests:
          - accepted_values:
              arguments:
                values: [placed, shipped]
              config:
                severity: warn
                where: "id > 0"
      - name: customer_id
        tests:
          - relationships:
              to: ref('customers')
              field: id
              severity: warn
)");
    auto s = f.Open();
    const auto& nodes = s->GetProject().nodes;
    std::vector<std::string> names;
    for (const auto& [id, n] : nodes) {
        if (n.type == ResourceType::TEST) {
            names.push_back(n.name);
        }
    }
    EXPECT_EQ(names, (std::vector<std::string>{"accepted_values_orders_status__placed__shipped", "not_null_orders_id",
                                               "relationships_orders_customer_id__id__ref_customers_",
                                               "unique_orders_id"}));
    const Node* av = nullptr;
    const Node* rel = nullptr;
    for (const auto& [id, n] : nodes) {
        if (n.name == "accepted_values_orders_status__placed__shipped") av = &n;
        if (n.name == "relationships_orders_customer_id__id__ref_customers_") rel = &n;
    }
    ASSERT_TRUE(av && rel);
    EXPECT_EQ(av->Config("severity").Str(), "warn");
    EXPECT_EQ(av->Config("where").Str(), "id > 0");
    EXPECT_EQ(av->test_metadata->kwargs.AsDict().Find("values")->Repr(), "['placed', 'shipped']");
    EXPECT_EQ(av->attached_node, "model.p.orders");
    EXPECT_EQ(av->column_name, "status");
    EXPECT_EQ(rel->Config("severity").Str(), "warn");
    EXPECT_EQ(rel->depends_on, (std::vector<std::string>{"model.p.customers", "model.p.orders"}));
    EXPECT_EQ(rel->unique_id.substr(0, rel->unique_id.rfind('.')), "test.p.relationships_orders_customer_id__id__ref_customers_");
    EXPECT_EQ(rel->unique_id.size() - rel->unique_id.rfind('.') - 1, 10u);
}

TEST(ProjectSources, DefaultsIdentifierFreshnessAndTests) {
    ProjectFixture f;
    f.Write("models/src.yml", R"(version: 2
sources:
  - name: raw
    loaded_at_field: _loaded
    freshness: {warn_after: {count: 1, period: day}}
    tables:
      - name: patients
      - name: stays
        schema: ignored_here
        identifier: stays_v2
        freshness: null
        columns:
          - name: id
            data_tests: [not_null]
  - name: other
    schema: bronze
    tables: [{name: t}]
)");
    f.Write("models/m.sql", "select * from {{ source('raw', 'stays') }} join {{ source('other', 't') }}");
    auto s = f.Open();
    const auto& p = s->GetProject();
    const auto& patients = p.sources.at("source.p.raw.patients");
    EXPECT_EQ(patients.schema, "raw");
    EXPECT_EQ(patients.identifier, "patients");
    EXPECT_EQ(patients.loaded_at_field, "_loaded");
    EXPECT_EQ(patients.freshness.Repr(), "{'warn_after': {'count': 1, 'period': 'day'}}");
    const auto& stays = p.sources.at("source.p.raw.stays");
    EXPECT_EQ(stays.relation_name, "\"raw\".\"stays_v2\"");
    EXPECT_TRUE(stays.freshness.IsNone());
    EXPECT_EQ(p.sources.at("source.p.other.t").schema, "bronze");
    EXPECT_EQ(f.Compile("model.p.m"), "select * from \"raw\".\"stays_v2\" join \"bronze\".\"t\"");
    bool found = false;
    for (const auto& [id, n] : p.nodes) {
        if (n.name == "source_not_null_raw_stays_id") {
            found = true;
            EXPECT_EQ(n.attached_node, "source.p.raw.stays");
        }
    }
    EXPECT_TRUE(found);
}

TEST(ProjectResources, SeedsSnapshotsSingularTestsMacrosAndDocs) {
    ProjectFixture f;
    f.Write("seeds/codes.csv", "code,label\nA,a\n");
    f.Write("models/m.sql", "select * from {{ ref('codes') }}");
    f.Write("snapshots/s.sql",
            "{% snapshot snap_m %}{{ config(target_schema='hist', unique_key='id', strategy='timestamp', "
            "updated_at='u') }}select * from {{ ref('m') }}{% endsnapshot %}");
    f.Write("snapshots/s.yml",
            "snapshots:\n  - name: snap_y\n    relation: ref('m')\n    config: {schema: hist, unique_key: id, "
            "strategy: check, check_cols: all}\n");
    f.Write("tests/assert_m.sql", "select * from {{ ref('m') }} where 1 = 0");
    f.Write("tests/generic/test_even.sql", "{% test even(model, column_name) %}select 1{% endtest %}");
    f.Write("macros/m.sql", "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}");
    f.Write("models/docs.md", "{% docs patients %}Les patients.{% enddocs %}");
    auto s = f.Open();
    const auto& p = s->GetProject();
    EXPECT_EQ(p.nodes.at("seed.p.codes").relation_name, "\"main\".\"codes\"");
    const auto& legacy = p.nodes.at("snapshot.p.snap_m");
    EXPECT_EQ(legacy.schema, "hist");  // target_schema used verbatim
    EXPECT_EQ(legacy.Config("strategy").Str(), "timestamp");
    EXPECT_EQ(p.nodes.at("snapshot.p.snap_y").schema, "main_hist");  // YAML snapshots use generate_schema_name
    EXPECT_EQ(p.nodes.at("test.p.assert_m").depends_on, std::vector<std::string>{"model.p.m"});
    EXPECT_TRUE(p.macros.count("twice"));
    EXPECT_TRUE(p.macros.count("test_even"));
    EXPECT_TRUE(p.docs.count("patients"));
    s->GetCompiler().Compile("snapshot.p.snap_y");
    EXPECT_EQ(p.nodes.at("snapshot.p.snap_y").compiled_code, "select * from \"main\".\"m\"");
}

TEST(ProjectErrors, NameFileAndLine) {
    ProjectFixture f;
    f.Write("models/x.sql", "select\n1,\n2,\n3,\n4,\n5,\n6,\n7,\n8,\n9,\n10,\n{{ nom | slugify }}");
    EXPECT_EQ(ErrorMessage([&] { f.Open(); }), "models/x.sql:12: unknown filter 'slugify'");

    ProjectFixture g;
    g.Write("models/x.sql", "select * from {{ ref('absent') }}");
    EXPECT_EQ(ErrorMessage([&] { g.Open(); }),
              "models/x.sql: model 'x' calls ref('absent'), which names no enabled model, seed or snapshot");

    ProjectFixture h;
    h.Write("macros/a.sql", "{% macro f() %}{% endmacro %}");
    h.Write("macros/b.sql", "\n{% macro f() %}{% endmacro %}");
    EXPECT_EQ(ErrorMessage([&] { h.Open(); }), "macros/b.sql:2: macro 'f' is already defined in macros/a.sql:1");

    ProjectFixture i;
    i.Write("models/y.sql", "select 1\n{{ var('nope') }}");
    EXPECT_EQ(ErrorMessage([&] { i.Open(); }), "models/y.sql:2: required var 'nope' is not set");

    ProjectFixture j;
    j.Write("models/z.sql", "{% if true %}\nselect 1");
    EXPECT_EQ(ErrorMessage([&] { j.Open(); }), "models/z.sql:1: 'if' block is never closed (missing 'endif')");
}

TEST(Profiles, TargetSelectionEnvVarsAndConfigFallback) {
    ProjectFixture f;
    auto project = LoadProject(f.Path());
    ::setenv("HF_TEST_SCHEMA", "from_env", 1);
    f.Write("profiles.yml",
            "p:\n  target: dev\n  outputs:\n    dev: {type: duckdb, path: /data/wh.duckdb, threads: 4}\n"
            "    pg: {type: postgres, dbname: wh, schema: \"{{ env_var('HF_TEST_SCHEMA') }}\", password: s3cret}\n");
    Target dev = ResolveTarget(project, {f.Path(), ""}, Config::Defaults());
    EXPECT_EQ(dev.name, "dev");
    EXPECT_EQ(dev.type, "duckdb");
    EXPECT_EQ(dev.schema, "main");
    EXPECT_EQ(dev.database, "wh");
    EXPECT_EQ(dev.threads, 4);
    Target pg = ResolveTarget(project, {f.Path(), "pg"}, Config::Defaults());
    EXPECT_EQ(pg.schema, "from_env");
    EXPECT_EQ(pg.database, "wh");
    EXPECT_EQ(pg.fields.AsDict().Find("password"), nullptr);
    EXPECT_EQ(ErrorMessage([&] { ResolveTarget(project, {f.Path(), "nope"}, Config::Defaults()); }),
              (f.Path() / "profiles.yml").string() + ": profile 'p' has no output 'nope'");

    hf::testing::TempDir empty;
    ProjectFixture no_profiles;
    std::filesystem::remove(no_profiles.Path() / "profiles.yml");
    auto p2 = LoadProject(no_profiles.Path());
    ::setenv("HOME", empty.Path().c_str(), 1);
    auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(empty.Path());
    Target fallback = ResolveTarget(p2, {std::nullopt, ""}, Config::Defaults().With("warehouse.path", "/x/lake.duckdb"));
    std::filesystem::current_path(cwd);
    EXPECT_EQ(fallback.type, "duckdb");
    EXPECT_EQ(fallback.path, "/x/lake.duckdb");
    EXPECT_EQ(fallback.database, "lake");
    EXPECT_EQ(fallback.schema, "main");
}

}  // namespace
}  // namespace hf::transform

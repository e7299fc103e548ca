#include <gtest/gtest.h>

#include <cstdlib>

#include "common/error.h"
#include "project_fixture.h"
#include "transform/compile/compiler.h"
#include "transform/project/test_naming.h"

namespace hf::transform {
namespace {

using testing::ErrorMessage;
using testing::ProjectFixture;

TEST(SchemaNaming, TargetSchemaCustomSchemaAndAlias) {
    ProjectFixture f;
    f.Write("models/plain.sql", "select 1");
    f.Write("models/custom.sql", "{{ config(schema='marts', alias='kpi') }}select 1");
    f.Write("models/user.sql", "select * from {{ ref('plain') }} join {{ ref('custom') }}");
    auto s = f.Open();
    const auto& nodes = s->GetProject().nodes;
    EXPECT_EQ(nodes.at("model.p.plain").relation_name, "\"main\".\"plain\"");
    EXPECT_EQ(nodes.at("model.p.custom").relation_name, "\"main_marts\".\"kpi\"");
    EXPECT_EQ(f.Compile("model.p.user"), "select * from \"main\".\"plain\" join \"main_marts\".\"kpi\"");
    EXPECT_EQ(f.Compile("model.p.user", "pg"), "select * from \"analytics\".\"plain\" join \"analytics_marts\".\"kpi\"");
}

TEST(SchemaNaming, ProjectMacroOverridesGenerateSchemaName) {
    ProjectFixture f;
    f.Write("macros/naming.sql",
            "{% macro generate_schema_name(custom_schema_name, node) -%}\n"
            "{%- if custom_schema_name is none -%}{{ target.schema }}"
            "{%- elif target.name == 'prod' -%}{{ custom_schema_name | trim }}"
            "{%- else -%}dev_{{ node.name }}_{{ custom_schema_name }}{%- endif -%}\n{%- endmacro %}");
    f.Write("models/m.sql", "{{ config(schema='marts') }}select 1");
    f.Write("models/n.sql", "select * from {{ ref('m') }}");
    EXPECT_EQ(f.Open()->GetProject().nodes.at("model.p.m").relation_name, "\"dev_m_marts\".\"m\"");
    EXPECT_EQ(f.Open("prod")->GetProject().nodes.at("model.p.m").relation_name, "\"marts\".\"m\"");
    EXPECT_EQ(f.Compile("model.p.n", "prod"), "select * from \"marts\".\"m\"");
}

TEST(CrossDatabase, MacrosRenderPerTarget) {
    ProjectFixture f;
    f.Write("models/x.sql",
            "{{ datediff('a', 'b', 'day') }}|{{ datediff('a', 'b', 'month') }}|{{ dateadd('day', 3, 'd') }}|"
            "{{ date_trunc('month', 'd') }}|{{ hash('c') }}|{{ type_string() }}|{{ type_int() }}|{{ type_float() }}|"
            "{{ type_timestamp() }}|{{ type_numeric() }}|{{ current_timestamp() }}|{{ concat(['a', \"'-'\", 'b']) }}|"
            "{{ safe_cast('v', 'date') }}|{{ dbt.datediff('a', 'b', 'hour') }}");
    EXPECT_EQ(f.Compile("model.p.x"),
              "date_diff('day', (a)::timestamp, (b)::timestamp)|date_diff('month', (a)::timestamp, (b)::timestamp)|"
              "date_add(d, interval (3) day)|date_trunc('month', d)|md5(cast(c as varchar))|varchar|integer|double|"
              "timestamp|numeric(28,6)|current_timestamp|a || '-' || b|try_cast(v as date)|"
              "date_diff('hour', (a)::timestamp, (b)::timestamp)");
    EXPECT_EQ(f.Compile("model.p.x", "pg"),
              "((b)::date - (a)::date)|((date_part('year', (b)::date) - date_part('year', (a)::date)) * 12 + "
              "date_part('month', (b)::date) - date_part('month', (a)::date))|(d + ((interval '1 day') * (3)))|"
              "date_trunc('month', d)|md5(cast(c as text))|text|integer|double precision|timestamp|numeric(28,6)|now()|"
              "a || '-' || b|cast(v as date)|(((b)::date - (a)::date) * 24 + date_part('hour', (b)::timestamp) - "
              "date_part('hour', (a)::timestamp))");
}

TEST(CrossDatabase, AdapterDispatchPrefersAdapterThenDefaultAndProjectOverridesBuiltins) {
    ProjectFixture f;
    f.Write("macros/m.sql",
            "{% macro f(x) %}{{ return(adapter.dispatch('f')(x)) }}{% endmacro %}"
            "{% macro postgres__f(x) %}pg({{ x }}){% endmacro %}{% macro default__f(x) %}any({{ x }}){% endmacro %}"
            "{% macro type_int() %}int4{% endmacro %}");
    f.Write("models/x.sql", "{{ f(1) }} {{ type_int() }} {{ dbt.type_int() }}");
    EXPECT_EQ(f.Compile("model.p.x"), "any(1) int4 integer");
    EXPECT_EQ(f.Compile("model.p.x", "pg"), "pg(1) int4 integer");
    f.Write("models/y.sql", "{{ adapter.dispatch('g')() }}");
    EXPECT_EQ(ErrorMessage([&] { f.Open(); }),
              "models/y.sql:1: adapter.dispatch('g') found neither 'duckdb__g' nor 'default__g'");
}

TEST(Context, VarsEnvTargetThisConfigAndExecute) {
    ProjectFixture f;
    f.Write("dbt_project.yml", "name: p\nprofile: p\nvars:\n  a: 1\n  b: proj\n  p:\n    c: scoped\n");
    f.Write("models/x.sql",
            "{{ config(materialized='table', tags=['t']) }}{{ var('a') }} {{ var('b') }} {{ var('c') }} "
            "{{ var('d', 'dflt') }} {{ env_var('HF_CTX_TEST') }} {{ env_var('HF_CTX_MISSING', 'none') }} "
            "{{ target.name }}/{{ target.type }}/{{ target.schema }} {{ this }} {{ this.name }} "
            "{{ config.get('materialized') }} {{ model.name }} {{ execute }} {{ is_incremental() }} "
            "{{ run_started_at.strftime('%Y') }} {{ log('hello') }}{{ local_md5('a') }}");
    ::setenv("HF_CTX_TEST", "env", 1);
    auto s = f.Open("", "{b: cli}");
    CompileOptions options;
    options.cli_vars = ParseVars("{b: cli}");
    options.run_started_at = "2024-03-05 10:11:12.000000+00:00";
    Compiler compiler(s->GetProject(), s->GetTarget(), options);
    compiler.Compile("model.p.x");
    EXPECT_EQ(s->GetProject().nodes.at("model.p.x").compiled_code,
              "1 cli scoped dflt env none dev/duckdb/main \"main\".\"x\" x table x True False 2024 "
              "0cc175b9c0f1b6a831c399e269772661");
    f.Write("models/y.sql", "{{ env_var('HF_CTX_MISSING') }}");
    EXPECT_EQ(ErrorMessage([&] { f.Open(); }), "models/y.sql:1: env_var('HF_CTX_MISSING'): the environment variable is not set");
    f.Write("models/y.sql", "\n{{ exceptions.raise_compiler_error('bad ' ~ 1) }}");
    EXPECT_EQ(ErrorMessage([&] { f.Open(); }), "models/y.sql:2: compilation error: bad 1");
    f.Write("models/y.sql", "{% if execute %}{{ run_query('select 1') }}{% endif %}");
    auto s2 = f.Open();
    EXPECT_EQ(ErrorMessage([&] { s2->GetCompiler().Compile("model.p.y"); }),
              "models/y.sql:1: run_query() needs a warehouse connection, and none is open");
}

TEST(Context, IsIncrementalFollowsTheRunnerFlag) {
    ProjectFixture f;
    f.Write("models/inc.sql",
            "{{ config(materialized='incremental') }}select 1{% if is_incremental() %} where x > (select max(x) from "
            "{{ this }}){% endif %}");
    auto project = f.Open();
    CompileOptions options;
    options.incremental = {"model.p.inc"};
    Compiler compiler(project->GetProject(), project->GetTarget(), options);
    compiler.Compile("model.p.inc");
    EXPECT_EQ(project->GetProject().nodes.at("model.p.inc").compiled_code,
              "select 1 where x > (select max(x) from \"main\".\"inc\")");
    EXPECT_EQ(f.Compile("model.p.inc"), "select 1");
}

TEST(Ephemeral, InlinedAsCtesInDependencyOrder) {
    ProjectFixture f;
    f.Write("models/e1.sql", "{{ config(materialized='ephemeral') }}select 1 as x");
    f.Write("models/e2.sql", "{{ config(materialized='ephemeral') }}select * from {{ ref('e1') }}");
    f.Write("models/m.sql", "with a as (select * from {{ ref('e2') }}) select * from a");
    f.Write("models/n.sql", "select * from {{ ref('e1') }}");
    EXPECT_EQ(f.Compile("model.p.m"),
              "with __dbt__cte__e1 as (\nselect 1 as x\n), __dbt__cte__e2 as (\nselect * from __dbt__cte__e1\n),\n"
              "a as (select * from __dbt__cte__e2) select * from a");
    EXPECT_EQ(f.Compile("model.p.n"), "with __dbt__cte__e1 as (\nselect 1 as x\n)\nselect * from __dbt__cte__e1");
    EXPECT_EQ(f.Open()->GetProject().nodes.at("model.p.e1").relation_name, "");
}

TEST(TestNames, AsDbtComputesThem) {
    jinja::ValueDict kw;
    kw.Set("column_name", jinja::Value("status"));
    kw.Set("values", jinja::Value(jinja::ValueList{jinja::Value("placed"), jinja::Value("return pending")}));
    kw.Set("model", jinja::Value("{{ get_where_subquery(ref('orders')) }}"));
    EXPECT_EQ(GenericTestName("accepted_values", "orders", jinja::Value(kw)),
              "accepted_values_orders_status__placed__return_pending");
    jinja::ValueDict rel;
    rel.Set("column_name", jinja::Value("customer_id"));
    rel.Set("to", jinja::Value("ref('customers')"));
    rel.Set("field", jinja::Value("id"));
    EXPECT_EQ(GenericTestName("relationships", "orders", jinja::Value(rel)),
              "relationships_orders_customer_id__id__ref_customers_");
    jinja::ValueDict q;
    q.Set("column_name", jinja::Value("n"));
    q.Set("quote", jinja::Value(false));
    q.Set("values", jinja::Value(jinja::ValueList{jinja::Value(1), jinja::Value(2)}));
    EXPECT_EQ(GenericTestName("accepted_values", "t", jinja::Value(q)), "accepted_values_t_n__False__1__2");
    jinja::ValueDict longer;
    longer.Set("column_name", jinja::Value("statut_du_sejour"));
    longer.Set("values", jinja::Value(jinja::ValueList{jinja::Value("en_cours"), jinja::Value("termine")}));
    std::string full = "accepted_values_fct_sejours_hospitaliers_statut_du_sejour__en_cours__termine";
    EXPECT_EQ(GenericTestName("accepted_values", "fct_sejours_hospitaliers", jinja::Value(longer)),
              "accepted_values_fct_sejours_ho_" + Md5Hex(full));
    EXPECT_EQ(Md5Hex(""), "d41d8cd98f00b204e9800998ecf8427e");
    EXPECT_EQ(Md5Hex("ab"), "187ef4436122d1cc2f40dc2b92f0eba0");
}

TEST(GenericTests, SqlOfEachTestAndTheWrapper) {
    ProjectFixture f;
    f.Write("models/orders.sql", "select 1");
    f.Write("models/customers.sql", "select 1");
    f.Write("models/schema.yml", R"(version: 2
models:
  - name: orders
    data_tests:
      - dbt_utils.expression_is_true: {expression: "total >= 0"}
      - dbt_utils.unique_combination_of_columns: {combination_of_columns: [a, b]}
    columns:
      - name: id
        tests:
          - unique
          - not_null: {where: "day = 1"}
      - name: status
        tests:
          - accepted_values: {values: [a, b]}
          - accepted_values: {values: [1, 2], quote: false, name: av_unquoted}
      - name: customer_id
        tests:
          - relationships: {to: ref('customers'), field: id}
      - name: total
        tests:
          - dbt_utils.accepted_range: {min_value: 0, max_value: 10}
          - dbt_utils.accepted_range: {min_value: 0, inclusive: false}
          - dbt_utils.expression_is_true: {expression: "< 100"}
)");
    auto s = f.Open();
    std::map<std::string, std::string> sql;
    std::string wrapped;
    for (auto& [id, node] : s->GetProject().nodes) {
        if (node.type == ResourceType::TEST) {
            s->GetCompiler().Compile(id);
            sql[node.name] = node.compiled_code;
            if (node.name == "unique_orders_id") wrapped = node.test_query;
        }
    }
    // On DuckDB, unique groups only the rows whose value's hash repeats (sorted hashes).
    EXPECT_EQ(sql["unique_orders_id"],
              "with repeated_hashes as (\n    select distinct h\n    from (\n"
              "        select h, lag(h) over (order by h) as previous_h\n"
              "        from (select hash(id) as h from \"main\".\"orders\" where id is not null) hashed\n"
              "    ) sorted\n    where h = previous_h\n)\n"
              "select\n    id as unique_field,\n    count(*) as n_records\nfrom \"main\".\"orders\"\n"
              "where id is not null\n  and hash(id) in (select h from repeated_hashes)\ngroup by id\nhaving count(*) > 1");
    EXPECT_EQ(sql["not_null_orders_id"],
              "select id\nfrom (select * from \"main\".\"orders\" where day = 1) dbt_subquery\nwhere id is null");
    EXPECT_EQ(sql["accepted_values_orders_status__a__b"],
              "with all_values as (\n    select\n        status as value_field,\n        count(*) as n_records\n"
              "    from \"main\".\"orders\"\n    group by status\n)\nselect *\nfrom all_values\n"
              "where value_field not in ('a', 'b')");
    EXPECT_EQ(sql["av_unquoted"].substr(sql["av_unquoted"].rfind("where")), "where value_field not in (1, 2)");
    EXPECT_EQ(sql["relationships_orders_customer_id__id__ref_customers_"],
              "with child as (\n    select customer_id as from_field\n    from \"main\".\"orders\"\n"
              "    where customer_id is not null\n),\nparent as (\n    select id as to_field\n"
              "    from \"main\".\"customers\"\n)\nselect from_field\nfrom child\nleft join parent\n"
              "    on child.from_field = parent.to_field\nwhere parent.to_field is null");
    EXPECT_EQ(sql["dbt_utils_expression_is_true_orders_total_0"],
              "select 1\nfrom \"main\".\"orders\"\nwhere not(total >= 0)");
    EXPECT_EQ(sql["dbt_utils_expression_is_true_orders_total___100"],
              "select 1\nfrom \"main\".\"orders\"\nwhere not(total < 100)");
    EXPECT_EQ(sql["dbt_utils_accepted_range_orders_total__10__0"],
              "select *\nfrom \"main\".\"orders\"\nwhere 1 = 2\n    or not total >= 0\n    or not total <= 10");
    EXPECT_EQ(sql["dbt_utils_accepted_range_orders_total__False__0"],
              "select *\nfrom \"main\".\"orders\"\nwhere 1 = 2\n    or not total > 0");
    EXPECT_EQ(sql["dbt_utils_unique_combination_of_columns_orders_a__b"],
              "with repeated_hashes as (\n    select distinct h\n    from (\n"
              "        select h, lag(h) over (order by h) as previous_h\n"
              "        from (select hash(a, b) as h from \"main\".\"orders\") hashed\n"
              "    ) sorted\n    where h = previous_h\n)\n"
              "select\n    a, b,\n    count(*) as n_records\nfrom \"main\".\"orders\"\n"
              "where hash(a, b) in (select h from repeated_hashes)\ngroup by a, b\nhaving count(*) > 1");
    EXPECT_EQ(wrapped,
              "select\n      count(*) as failures,\n      count(*) != 0 as should_warn,\n"
              "      count(*) != 0 as should_error\n    from (\n      " + sql["unique_orders_id"] +
                  "\n      \n    ) dbt_internal_test");
}

TEST(GenericTests, UnknownTestNamesItsFile) {
    ProjectFixture f;
    f.Write("models/o.sql", "select 1");
    f.Write("models/schema.yml", "models:\n  - name: o\n    columns:\n      - name: id\n        tests: [is_prime]\n");
    auto s = f.Open();
    std::string id;
    for (const auto& [k, n] : s->GetProject().nodes) {
        if (n.type == ResourceType::TEST) id = k;
    }
    EXPECT_EQ(ErrorMessage([&] { s->GetCompiler().Compile(id); }),
              "models/schema.yml: test 'is_prime' on model.p.o has no definition (no macro test_is_prime)");
}

TEST(Errors, InsideAProjectMacroNameTheMacroFileAndLine) {
    ProjectFixture f;
    f.Write("macros/m.sql", "{% macro f(x) %}\n{{ x }}\n{{ nope }}\n{% endmacro %}");
    f.Write("models/a.sql", "select\n{{ f(1) }}");
    EXPECT_EQ(ErrorMessage([&] { f.Open(); }), "macros/m.sql:3: 'nope' is undefined");
    ProjectFixture g;
    g.Write("models/b.sql", "select {{ ref('a', 'b', 'c') }}");
    EXPECT_EQ(ErrorMessage([&] { g.Open(); }), "models/b.sql:1: ref() takes a model name, or a package and a model name");
}

TEST(InjectCtes, MergesIntoLeadingWith) {
    EXPECT_EQ(InjectCtes("select 1", {}), "select 1");
    EXPECT_EQ(InjectCtes("  WITH a as (select 1) select * from a", {{"c", "select 2"}}),
              "  with c as (\nselect 2\n),\na as (select 1) select * from a");
}

}  // namespace
}  // namespace hf::transform

#include "transform/run/test_executor.h"

#include "common/error.h"
#include "common/strings.h"

namespace hf::transform {

using jinja::Value;

namespace {

bool Flag(const db::ResultSet& rs, const std::string& column) {
    size_t c = rs.ColumnIndex(column);
    return !rs.IsNull(0, c) && (rs.Text(0, c) == "true" || rs.Text(0, c) == "t" || rs.Text(0, c) == "1");
}

void StoreFailures(NodeSql& sql, const Node& node, const Target& target) {
    std::string schema = AuditSchema(target);
    std::string relation = db::Warehouse::QualifiedName(schema, node.name);
    sql.InTransaction([&] {
        auto kind = sql.Timed([&] { return sql.Warehouse().GetRelationKind(schema, node.name); });
        if (kind) {
            sql.Run("drop_relation", {{"relation", Value(relation)},
                                      {"kind", Value(*kind == db::RelationKind::VIEW ? "view" : "table")}});
        }
        sql.Run("store_failures", {{"relation", Value(relation)}, {"sql", Value(node.compiled_code)}});
    });
}

} // namespace

std::string AuditSchema(const Target& target) {
    return target.schema + "_dbt_test__audit";
}

TestOutcome RunDataTest(NodeSql& sql, const Node& node, const Target& target, bool store_failures) {
    auto rs = sql.Query(node.test_query);
    if (rs.RowCount() != 1) {
        throw Error(ErrorKind::INVALID_INPUT,
                    "test '" + node.name + "': its query returned " + std::to_string(rs.RowCount()) + " rows, not 1",
                    "a test's fail_calc must aggregate, e.g. count(*)");
    }
    TestOutcome out;
    size_t failures_col = rs.ColumnIndex("failures");
    out.failures = rs.IsNull(0, failures_col) ? 0 : rs.Int(0, failures_col);
    bool should_warn = Flag(rs, "should_warn");
    bool should_error = Flag(rs, "should_error");
    std::string severity = ToLower(node.Config("severity", Value("error")).Str());
    if (severity == "error" && should_error) {
        out.verdict = TestOutcome::Verdict::FAIL;
        out.message = "Got " + std::to_string(out.failures) + " result" + (out.failures == 1 ? "" : "s") +
                      ", configured to fail if " + node.Config("error_if", Value("!= 0")).Str();
    } else if (should_warn) {
        out.verdict = TestOutcome::Verdict::WARN;
        out.message = "Got " + std::to_string(out.failures) + " result" + (out.failures == 1 ? "" : "s") +
                      ", configured to warn if " + node.Config("warn_if", Value("!= 0")).Str();
    } else {
        out.message = "PASS";
    }
    Value configured = node.Config("store_failures");
    if (configured.IsNone() ? store_failures : configured.Truthy()) {
        StoreFailures(sql, node, target);
    }
    return out;
}

} // namespace hf::transform

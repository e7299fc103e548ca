#pragma once

#include <cstdint>
#include <string>

#include "transform/project/project.h"
#include "transform/project/target.h"
#include "transform/run/run_sql.h"

namespace hf::transform {

// Outcome of one data test, before it becomes a NodeResult.
struct TestOutcome {
    enum class Verdict { PASS, WARN, FAIL } verdict = Verdict::PASS;
    int64_t failures = 0;
    std::string message; // "PASS", "Got 3 results, configured to fail if != 0"
};

// Runs a compiled test (node.test_query: failures, should_warn, should_error) and judges it as
// dbt does: severity error (default) -> fail when should_error, else warn when should_warn;
// severity warn -> warn when should_warn. With `store_failures` (or the test's store_failures
// config), the failing rows (node.compiled_code) are kept in the table
// "<target.schema>_dbt_test__audit"."<test name>", replaced on every run.
// Throws hf::Error naming the test when a query fails.
TestOutcome RunDataTest(NodeSql& sql, const Node& node, const Target& target, bool store_failures);

// The schema --store-failures writes to: "<target.schema>_dbt_test__audit".
std::string AuditSchema(const Target& target);

} // namespace hf::transform

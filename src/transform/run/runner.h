#pragma once

#include <functional>
#include <string>
#include <vector>

#include "db/warehouse.h"
#include "transform/session.h"

namespace hf::transform {

// The command a run carries out (dbt's run, test, seed, snapshot, build).
enum class RunCommand { RUN, TEST, SEED, SNAPSHOT, BUILD };

// "run", "test", "seed", "snapshot", "build".
std::string_view RunCommandName(RunCommand command);

// What the caller chooses for one run.
struct RunOptions {
    RunCommand command = RunCommand::BUILD;
    std::vector<std::string> select; // selector expressions (empty = every node of the command's types)
    std::vector<std::string> exclude;
    bool full_refresh = false;   // rebuild incremental models and seeds from scratch
    int threads = 0;             // nodes run in parallel; 0 = the target's `threads`
    bool store_failures = false; // keep failing rows of tests in <schema>_dbt_test__audit
    bool write_artifacts = true; // target/manifest.json, target/run_results.json, compiled SQL
};

// Outcome of one node, as dbt's run_results.json reports it.
enum class NodeStatus { SUCCESS, ERROR, SKIPPED, PASS, WARN, FAIL };

// "success", "error", "skipped", "pass", "warn", "fail".
std::string_view NodeStatusName(NodeStatus status);

// One node's result.
struct NodeResult {
    std::string unique_id;
    NodeStatus status = NodeStatus::SUCCESS;
    std::string message;        // "OK", "CREATE TABLE (1 234 rows)", the error text, "Got 3 results..."
    int64_t failures = 0;       // tests: failing rows
    int64_t rows_affected = -1; // models, seeds, snapshots when known
    double execution_time = 0;  // seconds, wall clock of this node
    double query_time = 0;      // seconds spent inside the engine (for the runner's overhead ratio)
    std::string thread_id;      // "Thread-1" ... the worker that ran it ("" when skipped)
    // ISO-8601 UTC instants ("2026-12-04T18:30:00.123456Z") of the compile and execute steps;
    // empty when the step was not reached.
    std::string compile_started_at, compile_completed_at, execute_started_at, execute_completed_at;
    std::vector<std::string> executed_sql; // statements run, in order (the run/ artifact)
};

// A whole run: every selected node's result plus the dbt-style counts.
struct RunSummary {
    std::vector<NodeResult> results;
    int pass = 0, warn = 0, error = 0, skip = 0, total = 0;
    double elapsed = 0;        // seconds
    std::string invocation_id; // a UUID naming this run in the artifacts
    std::string started_at;    // ISO-8601 UTC
    int threads = 1;           // worker connections used
    // False when a model, seed or snapshot failed or an error-severity test failed.
    bool Succeeded() const { return error == 0; }
    // "Done. PASS=.. WARN=.. ERROR=.. SKIP=.. TOTAL=.."
    std::string DoneLine() const;
};

// Counts `result` in pass/warn/error/skip/total as dbt's summary does (success and pass are PASS,
// error and fail are ERROR).
void CountResult(RunSummary& summary, const NodeResult& result);

// Called as each node starts and ends (from worker threads; calls are serialised by the runner).
using RunProgress = std::function<void(const NodeResult& result, bool finished, int index, int total)>;

// Runs `options.command` on the selected nodes of an opened session against `warehouse`:
// independent nodes in parallel (up to `threads` connections opened with `open_connection`),
// dependants of a failed node skipped, artifacts written under the project's target path.
// Failures of nodes are reported in the summary, not thrown; throws hf::Error only when the run
// cannot start (bad selector, warehouse unreachable).
RunSummary RunTransform(Session& session, const std::function<std::unique_ptr<db::Warehouse>()>& open_connection,
                        const RunOptions& options, const RunProgress& progress = {});

// Opens a connection to a resolved target (duckdb file or postgres output of profiles.yml, or the
// HealthFlow configuration's warehouse when the target came from it). Caller owns it.
std::unique_ptr<db::Warehouse> OpenTargetWarehouse(const Target& target, const Config& config);

} // namespace hf::transform

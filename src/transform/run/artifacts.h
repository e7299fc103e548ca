#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "transform/run/runner.h"
#include "transform/session.h"

namespace hf::transform {

// dbt's manifest.json (v12 subset): metadata (dbt_schema_version, generated_at, invocation_id,
// project_name, adapter_type), nodes, sources, parent_map, child_map, and empty macros, docs,
// exposures, metrics, groups, selectors, disabled. Pure function of the session.
nlohmann::json ManifestJson(Session& session, const std::string& invocation_id, const std::string& generated_at);

// dbt's run_results.json (v6): metadata, results (unique_id, status, timing, thread_id,
// execution_time, message, failures, adapter_response, compiled_code, relation_name),
// elapsed_time and args.
nlohmann::json RunResultsJson(Session& session, const RunSummary& summary, const RunOptions& options);

// Writes, under <project>/<target-path>/, manifest.json, run_results.json and
// run/<project>/<file> (the statements each executed node ran); the two JSON files atomically.
// Throws hf::Error (IO) when a file cannot be written.
void WriteRunArtifacts(Session& session, const RunSummary& summary, const RunOptions& options);

} // namespace hf::transform

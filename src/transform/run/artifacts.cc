#include "transform/run/artifacts.h"

#include <fstream>

#include <nlohmann/json.hpp>

#include "common/error.h"

#include "common/fs.h"
#include "common/hash.h"
#include "transform/jinja/value.h"

namespace hf::transform {

using nlohmann::json;

namespace {

constexpr const char* kManifestSchema = "https://schemas.getdbt.com/dbt/manifest/v12.json";
constexpr const char* kRunResultsSchema = "https://schemas.getdbt.com/dbt/run-results/v6.json";
constexpr const char* kDbtVersion = "1.9.0";

json FromValue(const jinja::Value& v) {
    return json::parse(jinja::ToJson(v));
}

json Columns(const std::vector<ColumnDef>& columns) {
    json out = json::object();
    for (const auto& c : columns) {
        out[c.name] = {{"name", c.name},
                       {"description", c.description},
                       {"data_type", c.data_type.empty() ? json() : json(c.data_type)}};
    }
    return out;
}

json Metadata(Session& session, const std::string& schema_url, const std::string& invocation_id,
              const std::string& generated_at) {
    return {{"dbt_schema_version", schema_url},
            {"dbt_version", kDbtVersion},
            {"generated_at", generated_at},
            {"invocation_id", invocation_id},
            {"env", json::object()},
            {"project_name", session.GetProject().name},
            {"adapter_type", session.GetTarget().type}};
}

json NodeJson(const Node& node) {
    json refs = json::array();
    for (const auto& [package, name] : node.refs) {
        refs.push_back({{"name", name}, {"package", package.empty() ? json() : json(package)}, {"version", json()}});
    }
    json sources = json::array();
    for (const auto& [source, table] : node.sources) {
        sources.push_back({source, table});
    }
    json n = {{"unique_id", node.unique_id},
              {"resource_type", ResourceTypeName(node.type)},
              {"name", node.name},
              {"package_name", node.package_name},
              {"path", node.path},
              {"original_file_path", node.original_file_path},
              {"fqn", node.fqn},
              {"database", node.database},
              {"schema", node.schema},
              {"alias", node.alias},
              {"config", FromValue(node.config)},
              {"tags", node.Tags()},
              {"description", node.description},
              {"columns", Columns(node.columns)},
              {"refs", refs},
              {"sources", sources},
              {"depends_on", {{"macros", json::array()}, {"nodes", node.depends_on}}},
              {"raw_code", node.raw_code},
              {"language", "sql"},
              {"checksum", {{"name", "sha256"}, {"checksum", Sha256Hex(node.raw_code)}}},
              {"relation_name", node.relation_name.empty() ? json() : json(node.relation_name)}};
    if (!node.compiled_code.empty()) {
        n["compiled"] = true;
        n["compiled_code"] = node.compiled_code;
    }
    if (node.test_metadata) {
        n["test_metadata"] = {{"name", node.test_metadata->name},
                              {"kwargs", FromValue(node.test_metadata->kwargs)},
                              {"namespace", node.test_metadata->test_namespace.empty()
                                                ? json()
                                                : json(node.test_metadata->test_namespace)}};
        n["column_name"] = node.column_name.empty() ? json() : json(node.column_name);
        n["attached_node"] = node.attached_node.empty() ? json() : json(node.attached_node);
    }
    return n;
}

json SourceJson(const SourceTable& s) {
    return {{"unique_id", s.unique_id},
            {"resource_type", "source"},
            {"source_name", s.source_name},
            {"name", s.name},
            {"identifier", s.identifier},
            {"schema", s.schema},
            {"database", s.database},
            {"description", s.description},
            {"loaded_at_field", s.loaded_at_field.empty() ? json() : json(s.loaded_at_field)},
            {"freshness", FromValue(s.freshness)},
            {"columns", Columns(s.columns)},
            {"fqn", s.fqn},
            {"original_file_path", s.original_file_path},
            {"relation_name", s.relation_name},
            {"tags", s.tags}};
}

std::string StatusName(NodeStatus status) {
    return std::string(NodeStatusName(status));
}

void Write(const std::filesystem::path& path, const std::string& content) {
    EnsureDirectory(path.parent_path()).Check();
    WriteFileAtomic(path, content).Check();
}

} // namespace

std::string_view RunCommandName(RunCommand command) {
    switch (command) {
    case RunCommand::RUN:
        return "run";
    case RunCommand::TEST:
        return "test";
    case RunCommand::SEED:
        return "seed";
    case RunCommand::SNAPSHOT:
        return "snapshot";
    case RunCommand::BUILD:
        return "build";
    }
    return "build";
}

json ManifestJson(Session& session, const std::string& invocation_id, const std::string& generated_at) {
    const Project& project = session.GetProject();
    const Graph& graph = session.GetGraph();
    json nodes = json::object(), sources = json::object(), disabled = json::object();
    for (const auto& [id, node] : project.nodes) {
        if (node.Enabled()) {
            nodes[id] = NodeJson(node);
        } else {
            disabled[id] = json::array({NodeJson(node)});
        }
    }
    for (const auto& [id, source] : project.sources) {
        sources[id] = SourceJson(source);
    }
    json parent_map = json::object(), child_map = json::object();
    for (const auto& id : graph.Vertices()) {
        parent_map[id] = graph.Parents(id);
        child_map[id] = graph.Children(id);
    }
    return {{"metadata", Metadata(session, kManifestSchema, invocation_id, generated_at)},
            {"nodes", nodes},
            {"sources", sources},
            {"macros", json::object()},
            {"docs", json::object()},
            {"exposures", json::object()},
            {"metrics", json::object()},
            {"groups", json::object()},
            {"selectors", json::object()},
            {"disabled", disabled},
            {"parent_map", parent_map},
            {"child_map", child_map}};
}

json RunResultsJson(Session& session, const RunSummary& summary, const RunOptions& options) {
    const Project& project = session.GetProject();
    json results = json::array();
    for (const auto& r : summary.results) {
        const Node& node = project.nodes.at(r.unique_id);
        json timing = json::array();
        if (!r.compile_started_at.empty() && !r.compile_completed_at.empty()) {
            timing.push_back(
                {{"name", "compile"}, {"started_at", r.compile_started_at}, {"completed_at", r.compile_completed_at}});
        }
        if (!r.execute_started_at.empty() && !r.execute_completed_at.empty()) {
            timing.push_back(
                {{"name", "execute"}, {"started_at", r.execute_started_at}, {"completed_at", r.execute_completed_at}});
        }
        bool is_test = node.type == ResourceType::TEST;
        json adapter_response = json::object();
        if (r.status != NodeStatus::SKIPPED && r.status != NodeStatus::ERROR) {
            adapter_response = {{"_message", is_test ? std::string("SELECT 1") : r.message},
                                {"code", is_test ? std::string("SELECT") : r.message.substr(0, r.message.find(' '))},
                                {"rows_affected", r.rows_affected >= 0 ? json(r.rows_affected) : json()}};
        }
        results.push_back(
            {{"unique_id", r.unique_id},
             {"status", StatusName(r.status)},
             {"timing", timing},
             {"thread_id", r.thread_id.empty() ? json() : json(r.thread_id)},
             {"execution_time", r.execution_time},
             {"adapter_response", adapter_response},
             {"message", r.message.empty() ? json() : json(r.message)},
             {"failures",
              is_test && r.status != NodeStatus::SKIPPED && r.status != NodeStatus::ERROR ? json(r.failures) : json()},
             {"compiled", !node.compiled_code.empty()},
             {"compiled_code", node.compiled_code},
             {"relation_name", node.relation_name.empty() ? json() : json(node.relation_name)}});
    }
    return {{"metadata", Metadata(session, kRunResultsSchema, summary.invocation_id, summary.started_at)},
            {"results", results},
            {"elapsed_time", summary.elapsed},
            {"args",
             {{"which", RunCommandName(options.command)},
              {"select", options.select},
              {"exclude", options.exclude},
              {"full_refresh", options.full_refresh},
              {"threads", summary.threads},
              {"store_failures", options.store_failures},
              {"target", session.GetTarget().name},
              {"project_dir", project.root.string()}}}};
}

void WriteRunArtifacts(Session& session, const RunSummary& summary, const RunOptions& options) {
    const Project& project = session.GetProject();
    std::filesystem::path target = project.root / project.target_path;
    for (const auto& r : summary.results) {
        if (r.executed_sql.empty()) {
            continue;
        }
        std::string text;
        for (const auto& statement : r.executed_sql) {
            text += statement + ";\n\n";
        }
        const Node& node = project.nodes.at(r.unique_id);
        std::filesystem::path compiled = session.CompiledPath(node);
        std::filesystem::path relative = compiled.lexically_relative(target / "compiled");
        WriteNodeArtifact(target / "run" / relative, text);
    }
    Write(target / "manifest.json", ManifestJson(session, summary.invocation_id, summary.started_at).dump(2));
    Write(target / "run_results.json", RunResultsJson(session, summary, options).dump(2));
}

} // namespace hf::transform

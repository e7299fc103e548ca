#pragma once

#include <set>
#include <string>

#include "transform/compile/context.h"
#include "transform/project/project.h"
#include "transform/project/target.h"

namespace hf::transform {

// Turns a loaded project into SQL, in two passes as dbt does:
//  - Parse(): renders every enabled node once with execute=false, recording config(), ref() and
//    source() calls; merges the in-file config above the YAML and dbt_project.yml ones; names
//    each relation (generate_schema_name / generate_alias_name); resolves depends_on.
//  - Compile(): renders a node with execute=true into compiled_code (ephemeral models inlined
//    as CTEs; tests also get test_query, their failures query).
// Borrows `project` and mutates its nodes; one compiler per project; not thread-safe.
class Compiler {
public:
    Compiler(Project& project, Target target, CompileOptions options);

    // The parse pass. Throws hf::Error naming the file and line of the first failure, or the
    // node whose ref()/source() names nothing.
    void Parse();
    // Compiles one enabled node (after Parse()). Seeds have no SQL.
    void Compile(const std::string& unique_id);
    // Compiles every enabled node.
    void CompileAll();

    const Target& GetTarget() const { return target_; }
    // The options later compilations use (the runner sets incremental, run_started_at, ...).
    CompileOptions& MutableOptions() { return options_; }
    // Drops the compiled state of one node so that the next Compile() renders it again.
    void Forget(const std::string& unique_id) { compiled_.erase(unique_id); }

private:
    void ParseNode(Node& node);
    void NameRelation(Node& node);
    void ResolveDependencies(Node& node);
    std::string RenderNode(Node& node, RenderContext& ctx, jinja::Interpreter& in);
    std::string InjectEphemerals(const Node& node, std::string sql);
    void CollectEphemerals(const Node& node, std::vector<const Node*>& out, std::set<std::string>& seen);

    Project& project_;
    Target target_;
    CompileOptions options_;
    std::set<std::string> compiled_;
};

// Places ephemeral CTEs (name, sql) in front of `sql`: merged into its leading WITH if it has
// one, else as a new WITH. Pure function.
std::string InjectCtes(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& ctes);

}  // namespace hf::transform

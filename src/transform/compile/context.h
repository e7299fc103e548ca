#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "transform/jinja/interpreter.h"
#include "transform/project/project.h"
#include "transform/project/target.h"

namespace hf::transform {

// Options of a compilation that the runner (or the CLI) chooses.
struct CompileOptions {
    jinja::Value cli_vars{jinja::ValueDict{}};  // --vars, above the project's vars
    std::set<std::string> incremental;          // unique ids for which is_incremental() is true
    // Runs a query for run_query() during the compile pass; null when no warehouse is connected.
    std::function<jinja::Value(const std::string& sql)> run_query;
    std::string run_started_at;  // "YYYY-MM-DD HH:MM:SS.ffffff+00:00"; empty = now
    bool full_refresh = false;
};

// What rendering a node in the parse pass recorded.
struct Capture {
    jinja::Value config{jinja::ValueDict{}};                   // merged config(...) calls
    std::vector<std::pair<std::string, std::string>> refs;     // (package, name)
    std::vector<std::pair<std::string, std::string>> sources;  // (source, table)
};

// The names a template sees while one node renders (dbt's context): ref, source, config, var,
// env_var, this, target, is_incremental, run_started_at, execute, log, exceptions, adapter,
// run_query, model, flags, project macros, built-in macros and the `dbt`/`dbt_utils` namespaces.
// With a Capture it is the parse pass (execute false, calls recorded); without, the compile pass.
// Borrows everything it is given; lives for one render; not thread-safe.
class RenderContext {
public:
    RenderContext(const Project& project, const Target& target, const CompileOptions& options, const Node* node,
                  Capture* capture);

    // The resolver to give jinja::Interpreter.
    jinja::Interpreter::Globals Globals();
    // Resolves one global name; nullopt when unknown.
    std::optional<jinja::Value> Resolve(std::string_view name);
    // A macro by name: project macros first, then built-ins; nullopt when neither has it.
    std::optional<jinja::Value> Macro(std::string_view name, bool builtins_first = false) const;

private:
    jinja::Value Ref(jinja::CallArgs& args);
    jinja::Value Source(jinja::CallArgs& args);
    jinja::Value ConfigObject();
    jinja::Value Var(jinja::CallArgs& args) const;
    jinja::Value Adapter();
    jinja::Value Namespace(std::string name, bool builtins_first);
    jinja::Value ConfigValue(std::string_view key) const;

    const Project& project_;
    const Target& target_;
    const CompileOptions& options_;
    const Node* node_;
    Capture* capture_;
    std::unordered_map<std::string, jinja::Value> cache_;
};

// The node as templates see it (`model`, and the `node` argument of generate_schema_name).
jinja::Value NodeValue(const Node& node);

}  // namespace hf::transform

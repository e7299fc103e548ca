#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/config.h"
#include "transform/compile/compiler.h"
#include "transform/graph/graph.h"
#include "transform/project/project.h"
#include "transform/project/target.h"

namespace hf::transform {

// How a command finds the project and its target.
struct SessionOptions {
    // The project folder, used as given; unset: the default project (see ResolveProjectDir).
    std::optional<std::filesystem::path> project_dir;
    std::optional<std::filesystem::path> profiles_dir;
    std::string target_name;
    std::string vars_yaml;  // --vars: a YAML/JSON mapping
};

// A loaded, parsed project with its target, compiler and graph: what every transform command
// starts from. Non-movable (the compiler and graph refer to the project); one per command;
// not thread-safe.
class Session {
public:
    // Loads the project, resolves the target, runs the parse pass and builds the graph.
    static std::unique_ptr<Session> Open(const SessionOptions& options, const Config& config);

    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    Project& GetProject() { return project_; }
    const Target& GetTarget() const { return compiler_->GetTarget(); }
    Compiler& GetCompiler() { return *compiler_; }
    const Graph& GetGraph() const { return *graph_; }

    // Compiles the selected nodes (in dependency order) and writes each one's compiled SQL under
    // <target-path>/compiled/<project>/<original_file_path> (generic tests: <yaml file>/<name>.sql).
    // Returns the files written. Throws hf::Error (IO) when a file cannot be written.
    std::vector<std::filesystem::path> WriteCompiled(const std::set<std::string>& ids);

    // Where WriteCompiled puts the SQL of `node`.
    std::filesystem::path CompiledPath(const Node& node) const;

private:
    Session() = default;

    Project project_;
    std::unique_ptr<Compiler> compiler_;
    std::unique_ptr<Graph> graph_;
};

// Writes one node's artifact file (compiled or executed SQL) as a new file, without fsync: these
// are rebuilt by every compile or run. Throws hf::Error (IO) when it cannot be written.
void WriteNodeArtifact(const std::filesystem::path& path, const std::string& content);

// Parses --vars text ("{key: value}" YAML or JSON) into a dict; throws INVALID_INPUT.
jinja::Value ParseVars(const std::string& text);

}  // namespace hf::transform

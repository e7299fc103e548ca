#include "transform/session.h"

#include <fstream>

#include <yaml-cpp/yaml.h>

#include "common/error.h"
#include "transform/project/project_loader.h"
#include "transform/project/project_location.h"
#include "transform/project/yaml_value.h"

namespace hf::transform {

namespace fs = std::filesystem;

jinja::Value ParseVars(const std::string& text) {
    if (text.empty()) {
        return jinja::Value(jinja::ValueDict{});
    }
    jinja::Value v;
    try {
        v = YamlToValue(YAML::Load(text));
    } catch (const YAML::Exception& e) {
        throw Error(ErrorKind::INVALID_INPUT, "--vars is not valid YAML: " + e.msg, "write e.g. --vars '{seuil: 0.9}'");
    }
    if (!v.IsDict()) {
        throw Error(ErrorKind::INVALID_INPUT, "--vars must be a mapping, got '" + text + "'",
                    "write e.g. --vars '{seuil: 0.9}'");
    }
    return v;
}

std::unique_ptr<Session> Session::Open(const SessionOptions& options, const Config& config) {
    std::unique_ptr<Session> s(new Session());
    s->project_ = LoadProject(ResolveProjectDir(options.project_dir));
    Target target = ResolveTarget(s->project_, TargetOptions{options.profiles_dir, options.target_name}, config);
    CompileOptions compile_options;
    compile_options.cli_vars = ParseVars(options.vars_yaml);
    s->compiler_ = std::make_unique<Compiler>(s->project_, std::move(target), std::move(compile_options));
    s->compiler_->Parse();
    s->graph_ = std::make_unique<Graph>(s->project_);
    return s;
}

void WriteNodeArtifact(const fs::path& path, const std::string& content) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    // A new file rather than a truncated one: ext4 flushes files truncated and rewritten.
    std::filesystem::remove(path, ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    out.close();
    if (ec || !out) {
        throw Error(ErrorKind::IO, "cannot write " + path.string() + (ec ? ": " + ec.message() : ""),
                    "check that the target folder is writable");
    }
}

fs::path Session::CompiledPath(const Node& node) const {
    fs::path base = project_.root / project_.target_path / "compiled" / project_.name;
    const std::string& file = node.original_file_path;
    if (file.ends_with(".yml") || file.ends_with(".yaml")) {  // generic tests, YAML snapshots
        return base / file / (node.name + ".sql");
    }
    return base / node.original_file_path;
}

std::vector<fs::path> Session::WriteCompiled(const std::set<std::string>& ids) {
    std::vector<fs::path> written;
    for (const auto& id : graph_->TopologicalOrder(ids)) {
        auto it = project_.nodes.find(id);
        if (it == project_.nodes.end() || it->second.type == ResourceType::SEED) {
            continue;
        }
        compiler_->Compile(id);
        const Node& node = it->second;
        fs::path path = CompiledPath(node);
        WriteNodeArtifact(path, node.compiled_code);
        written.push_back(path);
    }
    return written;
}

}  // namespace hf::transform

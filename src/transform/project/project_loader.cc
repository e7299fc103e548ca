#include "transform/project/project_loader.h"

#include <algorithm>

#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include "common/error.h"
#include "common/fs.h"
#include "common/strings.h"
#include "transform/jinja/parser.h"
#include "transform/project/node_config.h"
#include "transform/project/yaml_value.h"

namespace hf::transform {

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& file) { return ReadFile(file).Value(); }

// Files under `root/sub` with extension `ext`, sorted, as paths relative to `root`.
std::vector<fs::path> FilesUnder(const fs::path& root, const std::string& sub, std::string_view ext) {
    std::vector<fs::path> out;
    fs::path dir = root / sub;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        return out;
    }
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) {
            throw Error(ErrorKind::IO, "cannot list " + dir.string() + ": " + ec.message(), "check permissions");
        }
        if (it->is_regular_file() && it->path().extension() == ext) {
            out.push_back(fs::relative(it->path(), root));
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> StringList(const jinja::Value& v, const std::vector<std::string>& fallback) {
    if (v.IsNone()) {
        return fallback;
    }
    std::vector<std::string> out;
    for (const auto& item : v.IsList() ? v.AsList() : jinja::ValueList{v}) {
        out.push_back(item.Str());
    }
    return out;
}

void ReadProjectFile(Project& project) {
    fs::path file = project.root / "dbt_project.yml";
    if (!fs::exists(file)) {
        throw Error(ErrorKind::NOT_FOUND, "no dbt_project.yml in " + project.root.string(),
                    "pass --project-dir pointing at the folder holding dbt_project.yml");
    }
    jinja::Value doc;
    try {
        doc = YamlToValue(YAML::LoadFile(file.string()));
    } catch (const YAML::Exception& e) {
        throw Error(ErrorKind::INVALID_INPUT, "dbt_project.yml:" + std::to_string(e.mark.line + 1) + ": " + e.msg,
                    "fix the YAML syntax");
    }
    if (!doc.IsDict()) {
        throw Error(ErrorKind::INVALID_INPUT, "dbt_project.yml must be a mapping", "see docs/transform.md");
    }
    auto get = [&](std::string_view key) {
        const jinja::Value* v = doc.AsDict().Find(key);
        return v ? *v : jinja::Value();
    };
    if (!get("name").IsString() || get("name").AsString().empty()) {
        throw Error(ErrorKind::INVALID_INPUT, "dbt_project.yml has no 'name'", "add `name: <project>`");
    }
    project.name = get("name").AsString();
    project.profile = get("profile").IsNone() ? project.name : get("profile").Str();
    project.model_paths = StringList(get("model-paths"), project.model_paths);
    project.seed_paths = StringList(get("seed-paths"), project.seed_paths);
    project.snapshot_paths = StringList(get("snapshot-paths"), project.snapshot_paths);
    project.macro_paths = StringList(get("macro-paths"), project.macro_paths);
    project.test_paths = StringList(get("test-paths"), project.test_paths);
    if (get("target-path").IsString()) {
        project.target_path = get("target-path").AsString();
    }
    jinja::Value vars = get("vars");
    if (vars.IsDict()) {
        // Vars scoped under the project's name apply to it as if global.
        for (const auto& [k, v] : vars.AsDict().Items()) {
            if (k == project.name && v.IsDict()) {
                continue;
            }
            project.vars.AsDict().Set(k, v);
        }
        if (const jinja::Value* scoped = vars.AsDict().Find(project.name); scoped && scoped->IsDict()) {
            for (const auto& [k, v] : scoped->AsDict().Items()) {
                project.vars.AsDict().Set(k, v);
            }
        }
    }
    project.folder_configs[ResourceType::MODEL] = get("models");
    project.folder_configs[ResourceType::SEED] = get("seeds");
    project.folder_configs[ResourceType::SNAPSHOT] = get("snapshots");
    project.folder_configs[ResourceType::TEST] = get("data_tests").IsNone() ? get("tests") : get("data_tests");
}

std::shared_ptr<const jinja::Template> ParseFile(const fs::path& root, const fs::path& rel, std::string& raw) {
    raw = Slurp(root / rel);
    return jinja::Parse(raw, rel.generic_string());
}

void LoadMacros(Project& project, const fs::path& rel) {
    std::string raw;
    auto tmpl = ParseFile(project.root, rel, raw);
    for (const auto& m : tmpl->macros) {
        auto [it, inserted] = project.macros.emplace(m->name, m);
        if (!inserted) {
            throw Error(ErrorKind::INVALID_INPUT,
                        m->file + ":" + std::to_string(m->line) + ": macro '" + m->name + "' is already defined in " +
                            it->second->file + ":" + std::to_string(it->second->line),
                        "rename one of the two macros");
        }
    }
    for (const auto& d : tmpl->docs) {
        project.docs[d->name] = d;
    }
}

// Path of `rel` relative to the resource folder it was found in, and the fqn parts.
Node NewNode(const Project& project, ResourceType type, const fs::path& rel, const std::string& resource_dir,
             std::string name) {
    Node node;
    node.type = type;
    node.name = std::move(name);
    node.package_name = project.name;
    node.original_file_path = rel.generic_string();
    node.path = fs::relative(rel, resource_dir).generic_string();
    node.fqn.push_back(project.name);
    for (const auto& part : fs::path(node.path).parent_path()) {
        node.fqn.push_back(part.string());
    }
    node.fqn.push_back(node.name);
    node.unique_id = std::string(ResourceTypeName(type)) + "." + project.name + "." + node.name;
    return node;
}

void AddNode(Project& project, Node node) {
    auto [it, inserted] = project.nodes.emplace(node.unique_id, node);
    if (!inserted) {
        throw Error(ErrorKind::INVALID_INPUT,
                    node.original_file_path + ": " + std::string(ResourceTypeName(node.type)) + " '" + node.name +
                        "' is already defined in " + it->second.original_file_path,
                    "names of models, seeds and snapshots must be unique in a project");
    }
}

}  // namespace

Project LoadProject(const fs::path& dir) {
    Project project;
    project.root = fs::absolute(dir).lexically_normal();
    ReadProjectFile(project);
    std::vector<std::string> yaml_files;

    for (const auto& path : project.macro_paths) {
        for (const auto& rel : FilesUnder(project.root, path, ".sql")) {
            LoadMacros(project, rel);
        }
    }
    for (const auto& path : project.test_paths) {
        for (const auto& rel : FilesUnder(project.root, path + "/generic", ".sql")) {
            LoadMacros(project, rel);
        }
    }
    for (const auto& path : project.model_paths) {
        for (const auto& rel : FilesUnder(project.root, path, ".sql")) {
            Node node = NewNode(project, ResourceType::MODEL, rel, path, rel.stem().string());
            node.tmpl = ParseFile(project.root, rel, node.raw_code);
            AddNode(project, std::move(node));
        }
        for (const auto& rel : FilesUnder(project.root, path, ".md")) {
            std::string raw;
            auto tmpl = ParseFile(project.root, rel, raw);
            for (const auto& d : tmpl->docs) {
                project.docs[d->name] = d;
            }
        }
        for (auto ext : {".yml", ".yaml"}) {
            for (const auto& rel : FilesUnder(project.root, path, ext)) {
                yaml_files.push_back(rel.generic_string());
            }
        }
    }
    for (const auto& path : project.seed_paths) {
        for (const auto& rel : FilesUnder(project.root, path, ".csv")) {
            Node node = NewNode(project, ResourceType::SEED, rel, path, rel.stem().string());
            node.seed_file = project.root / rel;
            AddNode(project, std::move(node));
        }
        for (auto ext : {".yml", ".yaml"}) {
            for (const auto& rel : FilesUnder(project.root, path, ext)) {
                yaml_files.push_back(rel.generic_string());
            }
        }
    }
    for (const auto& path : project.snapshot_paths) {
        for (const auto& rel : FilesUnder(project.root, path, ".sql")) {
            std::string raw;
            auto tmpl = ParseFile(project.root, rel, raw);
            for (const auto& m : tmpl->macros) {
                project.macros.emplace(m->name, m);
            }
            for (const auto& block : tmpl->snapshots) {
                Node node = NewNode(project, ResourceType::SNAPSHOT, rel, path, block->name);
                node.raw_code = raw;
                node.tmpl = tmpl;
                node.block = block;
                AddNode(project, std::move(node));
            }
        }
        for (auto ext : {".yml", ".yaml"}) {
            for (const auto& rel : FilesUnder(project.root, path, ext)) {
                yaml_files.push_back(rel.generic_string());
            }
        }
    }
    for (const auto& path : project.test_paths) {
        for (const auto& rel : FilesUnder(project.root, path, ".sql")) {
            if (StartsWith(fs::relative(rel, path).generic_string(), "generic/")) {
                continue;
            }
            Node node = NewNode(project, ResourceType::TEST, rel, path, rel.stem().string());
            node.tmpl = ParseFile(project.root, rel, node.raw_code);
            node.yaml_config.AsDict().Set("severity", jinja::Value("ERROR"));
            AddNode(project, std::move(node));
        }
        for (auto ext : {".yml", ".yaml"}) {
            for (const auto& rel : FilesUnder(project.root, path, ext)) {
                yaml_files.push_back(rel.generic_string());
            }
        }
    }
    for (const auto& rel : yaml_files) {
        ApplySchemaFile(project, project.root / rel, rel);
    }
    for (auto& [id, node] : project.nodes) {
        jinja::Value config{jinja::ValueDict{}};
        static const std::map<ResourceType, const char*> kDefaultMaterialization = {
            {ResourceType::MODEL, "view"}, {ResourceType::SEED, "seed"}, {ResourceType::SNAPSHOT, "snapshot"},
            {ResourceType::TEST, "test"}};
        config.AsDict().Set("enabled", jinja::Value(true));
        config.AsDict().Set("materialized", jinja::Value(kDefaultMaterialization.at(node.type)));
        config.AsDict().Set("tags", jinja::Value(jinja::ValueList{}));
        MergeConfig(config, FolderConfig(project.folder_configs[node.type], node.fqn));
        MergeConfig(config, node.yaml_config);
        node.config = std::move(config);
    }
    spdlog::debug("loaded project '{}' from {}: {} nodes, {} sources, {} macros", project.name,
                  project.root.string(), project.nodes.size(), project.sources.size(), project.macros.size());
    return project;
}

}  // namespace hf::transform

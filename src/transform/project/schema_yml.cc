#include <spdlog/spdlog.h>
#include <yaml-cpp/yaml.h>

#include "common/error.h"
#include "transform/jinja/parser.h"
#include "transform/project/node_config.h"
#include "transform/project/project_loader.h"
#include "transform/project/test_naming.h"
#include "transform/project/yaml_value.h"

namespace hf::transform {

namespace fs = std::filesystem;

namespace {

using jinja::Value;
using jinja::ValueDict;
using jinja::ValueList;

// Keys of a test entry that configure the test rather than being arguments of its macro.
bool IsTestConfigKey(std::string_view key) {
    static constexpr std::string_view kKeys[] = {"severity", "where",  "tags",          "enabled",  "warn_if",
                                                 "error_if", "fail_calc", "store_failures", "limit", "meta",
                                                 "alias",    "schema", "database",      "store_failures_as"};
    for (auto k : kKeys) {
        if (k == key) {
            return true;
        }
    }
    return false;
}

Value Get(const Value& dict, std::string_view key) {
    if (!dict.IsDict()) {
        return Value();
    }
    const Value* v = dict.AsDict().Find(key);
    return v ? *v : Value();
}

std::string GetString(const Value& dict, std::string_view key) {
    Value v = Get(dict, key);
    return v.IsNone() ? "" : v.Str();
}

// One test entry of a YAML `tests:`/`data_tests:` list, split into name, arguments and config.
struct TestSpec {
    std::string name;
    std::string test_namespace;
    std::string custom_name;
    Value args{ValueDict{}};
    Value config{ValueDict{}};
};

TestSpec ParseTestEntry(const Value& entry, const std::string& where) {
    TestSpec spec;
    Value body;
    if (entry.IsString()) {
        spec.name = entry.AsString();
    } else if (entry.IsDict() && entry.AsDict().Size() == 1) {
        spec.name = entry.AsDict().Items()[0].first;
        body = entry.AsDict().Items()[0].second;
    } else {
        throw Error(ErrorKind::INVALID_INPUT, where + ": a test must be a name or a mapping {test_name: {arguments}}",
                    "write e.g. `- not_null` or `- accepted_values: {values: [a, b]}`");
    }
    if (body.IsDict()) {
        for (const auto& [k, v] : body.AsDict().Items()) {
            if (k == "config") {
                MergeConfig(spec.config, v);
            } else if (k == "arguments") {
                if (!v.IsDict()) {
                    throw Error(ErrorKind::INVALID_INPUT, where + ": 'arguments' of test '" + spec.name + "' must be a mapping",
                                "write arguments: {name: value}");
                }
                for (const auto& [ak, av] : v.AsDict().Items()) {
                    spec.args.AsDict().Set(ak, av);
                }
            } else if (k == "name") {
                spec.custom_name = v.Str();
            } else if (IsTestConfigKey(k)) {
                spec.config.AsDict().Set(k, v);
            } else {
                spec.args.AsDict().Set(k, v);
            }
        }
    }
    size_t dot = spec.name.find('.');
    if (dot != std::string::npos) {
        spec.test_namespace = spec.name.substr(0, dot);
        spec.name = spec.name.substr(dot + 1);
    }
    return spec;
}

// What a YAML test is attached to.
struct TestTarget {
    std::string unique_id;    // model.x.y or source.x.s.t
    std::string name;         // model name, or "<source>_<table>"
    std::string model_call;   // "ref('m')" or "source('s', 't')"
    bool is_source = false;
};

void AddGenericTest(Project& project, const TestTarget& target, const std::string& column, const Value& entry,
                    const std::string& rel_path) {
    TestSpec spec = ParseTestEntry(entry, rel_path);
    Value kwargs{ValueDict{}};
    for (const auto& [k, v] : spec.args.AsDict().Items()) {
        kwargs.AsDict().Set(k, v);
    }
    if (!column.empty()) {
        kwargs.AsDict().Set("column_name", Value(column));
    }
    std::string test_type = spec.test_namespace.empty() ? spec.name : spec.test_namespace + "_" + spec.name;
    if (target.is_source) {
        test_type = "source_" + test_type;
    }
    std::string name = spec.custom_name.empty() ? GenericTestName(test_type, target.name, kwargs) : spec.custom_name;
    kwargs.AsDict().Set("model", Value("{{ get_where_subquery(" + target.model_call + ") }}"));

    Node node;
    node.type = ResourceType::TEST;
    node.name = name;
    node.package_name = project.name;
    node.original_file_path = rel_path;
    node.path = name + ".sql";
    node.fqn.push_back(project.name);
    for (const auto& part : fs::path(rel_path).parent_path()) {
        node.fqn.push_back(part.string());
    }
    if (node.fqn.size() > 1) {
        node.fqn.erase(node.fqn.begin() + 1);  // drop the resource folder (models/, seeds/...)
    }
    node.fqn.push_back(name);
    node.unique_id = TestUniqueId(project.name, name, spec.test_namespace, spec.name, kwargs);
    node.test_metadata = TestMetadata{spec.name, spec.test_namespace, kwargs};
    node.attached_node = target.unique_id;
    node.column_name = column;
    node.yaml_config.AsDict().Set("severity", Value("ERROR"));
    MergeConfig(node.yaml_config, spec.config);
    if (project.nodes.count(node.unique_id)) {
        throw Error(ErrorKind::INVALID_INPUT, rel_path + ": test '" + name + "' is declared twice on " + target.name,
                    "remove the duplicate test");
    }
    project.nodes.emplace(node.unique_id, std::move(node));
}

// Tests listed under `tests:` and `data_tests:` of a YAML entry (both accepted).
ValueList TestEntries(const Value& entry) {
    ValueList out;
    for (auto key : {"tests", "data_tests"}) {
        Value list = Get(entry, key);
        if (list.IsList()) {
            out.insert(out.end(), list.AsList().begin(), list.AsList().end());
        }
    }
    return out;
}

std::vector<ColumnDef> Columns(const Value& entry) {
    std::vector<ColumnDef> out;
    Value columns = Get(entry, "columns");
    if (!columns.IsList()) {
        return out;
    }
    for (const auto& c : columns.AsList()) {
        out.push_back({GetString(c, "name"), GetString(c, "description"), GetString(c, "data_type")});
    }
    return out;
}

void AddTestsOf(Project& project, const TestTarget& target, const Value& entry, const std::string& rel_path) {
    for (const auto& t : TestEntries(entry)) {
        AddGenericTest(project, target, "", t, rel_path);
    }
    Value columns = Get(entry, "columns");
    if (!columns.IsList()) {
        return;
    }
    for (const auto& c : columns.AsList()) {
        std::string column = GetString(c, "name");
        if (column.empty()) {
            throw Error(ErrorKind::INVALID_INPUT, rel_path + ": a column of '" + target.name + "' has no name",
                        "give every column a `name:`");
        }
        for (const auto& t : TestEntries(c)) {
            AddGenericTest(project, target, column, t, rel_path);
        }
    }
}

void ApplyNodeEntries(Project& project, const Value& list, ResourceType type, const std::string& rel_path) {
    if (!list.IsList()) {
        return;
    }
    for (const auto& entry : list.AsList()) {
        std::string name = GetString(entry, "name");
        if (name.empty()) {
            throw Error(ErrorKind::INVALID_INPUT, rel_path + ": an entry under '" + std::string(ResourceTypeName(type)) +
                                                      "s:' has no name", "give it a `name:`");
        }
        std::string id = std::string(ResourceTypeName(type)) + "." + project.name + "." + name;
        auto it = project.nodes.find(id);
        if (it == project.nodes.end() && type == ResourceType::SNAPSHOT && !Get(entry, "relation").IsNone()) {
            Node node;
            node.type = type;
            node.name = name;
            node.package_name = project.name;
            node.unique_id = id;
            node.original_file_path = rel_path;
            node.path = fs::path(rel_path).filename().string();
            node.fqn = {project.name, name};
            node.raw_code = "select * from {{ " + GetString(entry, "relation") + " }}";
            node.tmpl = jinja::Parse(node.raw_code, rel_path);
            node.yaml_config.AsDict().Set("yaml_snapshot", Value(true));
            it = project.nodes.emplace(id, std::move(node)).first;
        }
        if (it == project.nodes.end()) {
            spdlog::warn("{}: '{}' describes {} '{}', which does not exist; ignored", rel_path, name,
                         ResourceTypeName(type), name);
            continue;
        }
        Node& node = it->second;
        node.description = GetString(entry, "description");
        node.columns = Columns(entry);
        MergeConfig(node.yaml_config, Get(entry, "config"));
        AddTestsOf(project, TestTarget{id, name, "ref('" + name + "')", false}, entry, rel_path);
    }
}

void ApplySources(Project& project, const Value& list, const std::string& rel_path) {
    if (!list.IsList()) {
        return;
    }
    for (const auto& source : list.AsList()) {
        std::string source_name = GetString(source, "name");
        if (source_name.empty()) {
            throw Error(ErrorKind::INVALID_INPUT, rel_path + ": a source has no name", "give it a `name:`");
        }
        Value tables = Get(source, "tables");
        if (!tables.IsList()) {
            continue;
        }
        for (const auto& table : tables.AsList()) {
            SourceTable t;
            t.source_name = source_name;
            t.name = GetString(table, "name");
            t.identifier = GetString(table, "identifier").empty() ? t.name : GetString(table, "identifier");
            t.schema = GetString(source, "schema").empty() ? source_name : GetString(source, "schema");
            t.database = GetString(source, "database");
            t.description = GetString(table, "description");
            t.loaded_at_field = GetString(table, "loaded_at_field").empty() ? GetString(source, "loaded_at_field")
                                                                              : GetString(table, "loaded_at_field");
            const Value* table_freshness = table.AsDict().Find("freshness");
            t.freshness = table_freshness ? *table_freshness : Get(source, "freshness");
            t.columns = Columns(table);
            t.fqn = {project.name, source_name, t.name};
            t.original_file_path = rel_path;
            t.unique_id = "source." + project.name + "." + source_name + "." + t.name;
            t.relation_name = "\"" + t.schema + "\".\"" + t.identifier + "\"";
            for (const auto& tags : {Get(source, "tags"), Get(table, "tags")}) {
                for (const auto& tag : tags.IsList() ? tags.AsList() : ValueList{}) {
                    t.tags.push_back(tag.Str());
                }
            }
            if (project.sources.count(t.unique_id)) {
                throw Error(ErrorKind::INVALID_INPUT, rel_path + ": source table " + source_name + "." + t.name +
                                                          " is declared twice", "keep one declaration");
            }
            std::string id = t.unique_id;
            std::string call = "source('" + source_name + "', '" + t.name + "')";
            project.sources.emplace(id, std::move(t));
            AddTestsOf(project, TestTarget{id, source_name + "_" + GetString(table, "name"), call, true}, table, rel_path);
        }
    }
}

}  // namespace

void ApplySchemaFile(Project& project, const fs::path& file, const std::string& rel_path) {
    Value doc;
    try {
        doc = YamlToValue(YAML::LoadFile(file.string()));
    } catch (const YAML::Exception& e) {
        throw Error(ErrorKind::INVALID_INPUT, rel_path + ":" + std::to_string(e.mark.line + 1) + ": " + e.msg,
                    "fix the YAML syntax");
    }
    if (doc.IsNone()) {
        return;
    }
    if (!doc.IsDict()) {
        throw Error(ErrorKind::INVALID_INPUT, rel_path + ": a schema file must be a mapping (version: 2, models: ...)",
                    "see docs/transform.md");
    }
    ApplyNodeEntries(project, Get(doc, "models"), ResourceType::MODEL, rel_path);
    ApplyNodeEntries(project, Get(doc, "seeds"), ResourceType::SEED, rel_path);
    ApplyNodeEntries(project, Get(doc, "snapshots"), ResourceType::SNAPSHOT, rel_path);
    ApplySources(project, Get(doc, "sources"), rel_path);
}

}  // namespace hf::transform

#include "transform/compile/compiler.h"

#include <cctype>

#include "common/error.h"
#include "common/strings.h"
#include "transform/jinja/parser.h"
#include "transform/project/node_config.h"

namespace hf::transform {

using jinja::CallArgs;
using jinja::Interpreter;
using jinja::Value;

namespace {

bool IsRelationCall(const std::string& s) {
    std::string_view t = Trim(s);
    return (StartsWith(t, "ref(") || StartsWith(t, "source(") || StartsWith(t, "ref (") || StartsWith(t, "source (")) &&
           EndsWith(t, ")");
}

// Test arguments as the test macro receives them: strings holding Jinja ("{{ get_where_subquery(ref('m')) }}")
// or a bare ref()/source() call are rendered; other values pass unchanged.
CallArgs TestArguments(const Node& node, Interpreter& in) {
    CallArgs args;
    for (const auto& [k, v] : node.test_metadata->kwargs.AsDict().Items()) {
        if (v.IsString() && (v.AsString().find("{{") != std::string::npos || IsRelationCall(v.AsString()))) {
            std::string text = v.AsString().find("{{") != std::string::npos ? v.AsString() : "{{ " + v.AsString() + " }}";
            auto tmpl = jinja::Parse(text, node.original_file_path);
            args.keyword.emplace_back(k, Value(in.Render(*tmpl)));
        } else {
            args.keyword.emplace_back(k, v);
        }
    }
    return args;
}

}  // namespace

std::string InjectCtes(const std::string& sql, const std::vector<std::pair<std::string, std::string>>& ctes) {
    if (ctes.empty()) {
        return sql;
    }
    std::string cte_text;
    for (size_t i = 0; i < ctes.size(); ++i) {
        cte_text += (i ? ", " : "") + ctes[i].first + " as (\n" + ctes[i].second + "\n)";
    }
    size_t pos = 0;
    while (pos < sql.size() && std::isspace(static_cast<unsigned char>(sql[pos]))) {
        ++pos;
    }
    if (ToLower(sql.substr(pos, 4)) == "with" && pos + 4 < sql.size() &&
        std::isspace(static_cast<unsigned char>(sql[pos + 4]))) {
        return sql.substr(0, pos) + "with " + cte_text + ",\n" + sql.substr(pos + 5);
    }
    return "with " + cte_text + "\n" + sql;
}

Compiler::Compiler(Project& project, Target target, CompileOptions options)
    : project_(project), target_(std::move(target)), options_(std::move(options)) {}

void Compiler::Parse() {
    for (auto& [id, node] : project_.nodes) {
        if (node.Enabled() && node.type != ResourceType::TEST) {
            ParseNode(node);
        }
    }
    for (auto& [id, node] : project_.nodes) {
        if (node.type != ResourceType::TEST) {
            continue;
        }
        auto attached = project_.nodes.find(node.attached_node);
        if (attached != project_.nodes.end() && !attached->second.Enabled()) {
            node.config.AsDict().Set("enabled", Value(false));  // a disabled model takes its tests along
        }
        if (node.Enabled()) {
            ParseNode(node);
        }
    }
    for (auto& [id, node] : project_.nodes) {
        if (node.Enabled() && node.type != ResourceType::TEST) {
            NameRelation(node);
        }
    }
    for (auto& [id, node] : project_.nodes) {
        if (node.Enabled()) {
            ResolveDependencies(node);
        }
    }
}

void Compiler::ParseNode(Node& node) {
    if (node.type == ResourceType::SEED) {
        return;
    }
    Capture capture;
    RenderContext ctx(project_, target_, options_, &node, &capture);
    Interpreter in(ctx.Globals());
    if (node.type == ResourceType::TEST && node.test_metadata) {
        TestArguments(node, in);
    } else {
        in.Render(*node.tmpl);
        if (node.block) {
            in.RenderDefinition(*node.block);
        }
    }
    MergeConfig(node.config, capture.config);
    node.refs = std::move(capture.refs);
    node.sources = std::move(capture.sources);
}

void Compiler::NameRelation(Node& node) {
    RenderContext ctx(project_, target_, options_, &node, nullptr);
    Interpreter in(ctx.Globals());
    Value custom_schema = node.Config("schema");
    bool legacy_snapshot = node.type == ResourceType::SNAPSHOT && !node.Config("yaml_snapshot", Value(false)).Truthy();
    if (legacy_snapshot && !node.Config("target_schema").IsNone()) {
        node.schema = node.Config("target_schema").Str();
    } else {
        CallArgs args;
        args.positional = {custom_schema, NodeValue(node)};
        node.schema = std::string(Trim(in.Call(*ctx.Resolve("generate_schema_name"), args).Str()));
    }
    CallArgs alias_args;
    alias_args.positional = {node.Config("alias"), NodeValue(node)};
    node.alias = std::string(Trim(in.Call(*ctx.Resolve("generate_alias_name"), alias_args).Str()));
    node.database = node.Config("database", Value(target_.database)).Str();
    node.relation_name = node.Materialized() == "ephemeral" ? "" : "\"" + node.schema + "\".\"" + node.alias + "\"";
}

void Compiler::ResolveDependencies(Node& node) {
    node.depends_on.clear();
    auto add = [&](const std::string& id) {
        if (std::find(node.depends_on.begin(), node.depends_on.end(), id) == node.depends_on.end()) {
            node.depends_on.push_back(id);
        }
    };
    for (const auto& [package, name] : node.refs) {
        const Node* target = project_.FindByName(name);
        if (!target) {
            throw Error(ErrorKind::NOT_FOUND,
                        node.original_file_path + ": " + std::string(ResourceTypeName(node.type)) + " '" + node.name +
                            "' calls ref('" + name + "'), which names no enabled model, seed or snapshot",
                        "check the name, or add the model");
        }
        add(target->unique_id);
    }
    for (const auto& [source, table] : node.sources) {
        const SourceTable* s = project_.FindSource(source, table);
        if (!s) {
            throw Error(ErrorKind::NOT_FOUND,
                        node.original_file_path + ": " + std::string(ResourceTypeName(node.type)) + " '" + node.name +
                            "' calls source('" + source + "', '" + table + "'), which no YAML file declares",
                        "declare it under sources: in a YAML file of the models folder");
        }
        add(s->unique_id);
    }
}

std::string Compiler::RenderNode(Node& node, RenderContext& ctx, Interpreter& in) {
    if (node.type == ResourceType::TEST && node.test_metadata) {
        const auto& md = *node.test_metadata;
        auto macro = ctx.Macro("test_" + md.name, !md.test_namespace.empty());
        if (!macro) {
            throw Error(ErrorKind::INVALID_INPUT,
                        node.original_file_path + ": test '" + md.name + "' on " + node.attached_node +
                            " has no definition (no macro test_" + md.name + ")",
                        "define it with {% test " + md.name + "(model, column_name) %} in macros/ or tests/generic/");
        }
        return std::string(Trim(in.Call(*macro, TestArguments(node, in)).Str()));
    }
    std::string sql = in.Render(*node.tmpl);
    if (node.block) {
        sql = in.RenderDefinition(*node.block);
    }
    return sql;
}

void Compiler::CollectEphemerals(const Node& node, std::vector<const Node*>& out, std::set<std::string>& seen) {
    for (const auto& id : node.depends_on) {
        auto it = project_.nodes.find(id);
        if (it == project_.nodes.end() || it->second.Materialized() != "ephemeral" || seen.count(id)) {
            continue;
        }
        seen.insert(id);
        Compile(id);
        CollectEphemerals(it->second, out, seen);
        out.push_back(&it->second);
    }
}

std::string Compiler::InjectEphemerals(const Node& node, std::string sql) {
    if (node.Materialized() == "ephemeral") {
        return sql;
    }
    std::vector<const Node*> ephemerals;
    std::set<std::string> seen;
    CollectEphemerals(node, ephemerals, seen);
    std::vector<std::pair<std::string, std::string>> ctes;
    for (const Node* e : ephemerals) {
        ctes.emplace_back("__dbt__cte__" + e->name, e->compiled_code);
    }
    return InjectCtes(sql, ctes);
}

void Compiler::Compile(const std::string& unique_id) {
    auto it = project_.nodes.find(unique_id);
    if (it == project_.nodes.end()) {
        throw Error(ErrorKind::INTERNAL, "no node " + unique_id);
    }
    Node& node = it->second;
    if (compiled_.count(unique_id) || node.type == ResourceType::SEED || !node.Enabled()) {
        return;
    }
    compiled_.insert(unique_id);
    RenderContext ctx(project_, target_, options_, &node, nullptr);
    Interpreter in(ctx.Globals());
    node.compiled_code = InjectEphemerals(node, RenderNode(node, ctx, in));
    if (node.type == ResourceType::TEST) {
        CallArgs args;
        args.keyword = {{"main_sql", Value(node.compiled_code)},
                        {"fail_calc", node.Config("fail_calc", Value("count(*)"))},
                        {"warn_if", node.Config("warn_if", Value("!= 0"))},
                        {"error_if", node.Config("error_if", Value("!= 0"))},
                        {"limit", node.Config("limit")}};
        node.test_query = in.Call(*ctx.Resolve("get_test_sql"), args).Str();
    }
}

void Compiler::CompileAll() {
    for (const auto& [id, node] : project_.nodes) {
        Compile(id);
    }
}

}  // namespace hf::transform

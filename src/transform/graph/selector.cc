#include "transform/graph/selector.h"

#include <fnmatch.h>

#include "common/error.h"
#include "common/strings.h"

namespace hf::transform {

namespace {

struct Criterion {
    bool at = false;
    int up = 0;  // 0: none, -1: unlimited, N: depth
    int down = 0;
    std::string method;
    std::string value;
};

bool Glob(const std::string& pattern, const std::string& text) {
    return fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

Criterion ParseCriterion(const std::string& text) {
    Criterion c;
    std::string s = text;
    if (StartsWith(s, "@")) {
        c.at = true;
        s = s.substr(1);
    }
    size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
        ++i;
    }
    if (i < s.size() && s[i] == '+') {
        c.up = i == 0 ? -1 : std::stoi(s.substr(0, i));
        s = s.substr(i + 1);
    }
    size_t plus = s.rfind('+');
    if (plus != std::string::npos) {
        std::string digits = s.substr(plus + 1);
        bool numeric = std::all_of(digits.begin(), digits.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); });
        if (numeric) {
            c.down = digits.empty() ? -1 : std::stoi(digits);
            s = s.substr(0, plus);
        }
    }
    size_t colon = s.find(':');
    if (colon != std::string::npos) {
        c.method = s.substr(0, colon);
        c.value = s.substr(colon + 1);
    } else {
        c.value = s;
    }
    if (c.value.empty()) {
        throw Error(ErrorKind::INVALID_INPUT, "selector '" + text + "' has no value", "write e.g. -s stg_patients or tag:daily");
    }
    return c;
}

bool ConfigMatches(const jinja::Value& v, const std::string& pattern) {
    if (v.IsList()) {
        return std::any_of(v.AsList().begin(), v.AsList().end(), [&](const jinja::Value& x) { return Glob(pattern, x.Str()); });
    }
    if (v.Kind() == jinja::ValueKind::BOOL) {
        return ToLower(v.Str()) == ToLower(pattern);
    }
    return !v.IsNone() && Glob(pattern, v.Str());
}

bool FqnMatches(const std::vector<std::string>& fqn, const std::string& value) {
    std::vector<std::string> parts = Split(value, '.');
    auto prefix_at = [&](size_t offset) {
        if (parts.size() + offset > fqn.size()) {
            return false;
        }
        for (size_t i = 0; i < parts.size(); ++i) {
            if (!Glob(parts[i], fqn[offset + i])) {
                return false;
            }
        }
        return true;
    };
    return prefix_at(0) || prefix_at(1) || (!fqn.empty() && Glob(value, fqn.back()));
}

bool PathMatches(const std::string& file, std::string value) {
    while (EndsWith(value, "/")) {
        value.pop_back();
    }
    return file == value || StartsWith(file, value + "/") || Glob(value, file);
}

bool NodeMatches(const Node& node, const Criterion& c) {
    const std::string& m = c.method;
    if (m.empty() || m == "fqn") {
        if (m.empty() && (c.value.find('/') != std::string::npos || EndsWith(c.value, ".sql"))) {
            return PathMatches(node.original_file_path, c.value);
        }
        return FqnMatches(node.fqn, c.value);
    }
    if (m == "tag") {
        auto tags = node.Tags();
        return std::any_of(tags.begin(), tags.end(), [&](const std::string& t) { return Glob(c.value, t); });
    }
    if (m == "path") {
        return PathMatches(node.original_file_path, c.value);
    }
    if (m == "file") {
        std::string file = node.original_file_path.substr(node.original_file_path.rfind('/') + 1);
        return Glob(c.value, file) || Glob(c.value + ".sql", file);
    }
    if (m == "resource_type") {
        return ResourceTypeName(node.type) == c.value;
    }
    if (m == "test_type") {
        if (node.type != ResourceType::TEST) {
            return false;
        }
        bool generic = node.test_metadata.has_value();
        return (c.value == "generic" && generic) || (c.value == "singular" && !generic) || (c.value == "data" && !generic);
    }
    if (StartsWith(m, "config.")) {
        return ConfigMatches(node.Config(m.substr(7)), c.value);
    }
    return false;
}

bool SourceMatches(const SourceTable& s, const Criterion& c) {
    const std::string& m = c.method;
    if (m == "source") {
        std::vector<std::string> parts = Split(c.value, '.');
        if (parts.size() == 1) {
            return Glob(parts[0], s.source_name);
        }
        if (parts.size() == 2) {
            return Glob(parts[0], s.source_name) && Glob(parts[1], s.name);
        }
        return parts.size() == 3 && Glob(parts[0], s.fqn[0]) && Glob(parts[1], s.source_name) && Glob(parts[2], s.name);
    }
    if (m == "resource_type") {
        return c.value == "source";
    }
    if (m == "tag") {
        return std::any_of(s.tags.begin(), s.tags.end(), [&](const std::string& t) { return Glob(c.value, t); });
    }
    if (m == "path") {
        return PathMatches(s.original_file_path, c.value);
    }
    if (m == "fqn") {
        return FqnMatches(s.fqn, c.value);
    }
    return false;
}

void CheckMethod(const std::string& method) {
    static const std::set<std::string> kMethods = {"",     "fqn",           "tag",       "path", "file",
                                                   "source", "resource_type", "test_type"};
    if (!kMethods.count(method) && !StartsWith(method, "config.")) {
        throw Error(ErrorKind::INVALID_INPUT, "unknown selector method '" + method + "'",
                    "use one of tag:, path:, file:, fqn:, source:, resource_type:, test_type:, config.<key>:");
    }
}

std::set<std::string> Evaluate(const Project& project, const Graph& graph, const Criterion& c) {
    CheckMethod(c.method);
    std::set<std::string> base;
    for (const auto& id : graph.Vertices()) {
        if (auto it = project.nodes.find(id); it != project.nodes.end()) {
            if (NodeMatches(it->second, c)) {
                base.insert(id);
            }
        } else if (auto s = project.sources.find(id); s != project.sources.end()) {
            if (SourceMatches(s->second, c)) {
                base.insert(id);
            }
        }
    }
    std::set<std::string> out = base;
    for (const auto& id : base) {
        if (c.up != 0) {
            auto a = graph.Ancestors(id, c.up);
            out.insert(a.begin(), a.end());
        }
        if (c.down != 0 || c.at) {
            auto d = graph.Descendants(id, c.at ? -1 : c.down);
            out.insert(d.begin(), d.end());
            if (c.at) {
                for (const auto& x : d) {
                    auto a = graph.Ancestors(x);
                    out.insert(a.begin(), a.end());
                }
            }
        }
    }
    return out;
}

std::set<std::string> EvaluateArgs(const Project& project, const Graph& graph, const std::vector<std::string>& args) {
    std::set<std::string> result;
    for (const auto& arg : args) {
        for (const auto& word : Split(arg, ' ')) {
            if (Trim(word).empty()) {
                continue;
            }
            std::optional<std::set<std::string>> group;
            for (const auto& part : Split(std::string(Trim(word)), ',')) {
                auto matched = Evaluate(project, graph, ParseCriterion(part));
                if (!group) {
                    group = std::move(matched);
                } else {
                    std::set<std::string> both;
                    for (const auto& id : *group) {
                        if (matched.count(id)) {
                            both.insert(id);
                        }
                    }
                    group = std::move(both);
                }
            }
            result.insert(group->begin(), group->end());
        }
    }
    return result;
}

// Eager indirect selection: a test comes with any selected parent.
void AddTests(const Project& project, const Graph& graph, std::set<std::string>& ids) {
    std::set<std::string> tests;
    for (const auto& id : ids) {
        for (const auto& child : graph.Children(id)) {
            auto it = project.nodes.find(child);
            if (it != project.nodes.end() && it->second.type == ResourceType::TEST) {
                tests.insert(child);
            }
        }
    }
    ids.insert(tests.begin(), tests.end());
}

}  // namespace

std::set<std::string> SelectNodes(const Project& project, const Graph& graph, const std::vector<std::string>& select,
                                  const std::vector<std::string>& exclude) {
    std::set<std::string> selected;
    bool all = std::all_of(select.begin(), select.end(), [](const std::string& s) { return Trim(s).empty(); });
    if (all) {
        selected = graph.Vertices();
    } else {
        selected = EvaluateArgs(project, graph, select);
        AddTests(project, graph, selected);
    }
    if (!exclude.empty()) {
        std::set<std::string> excluded = EvaluateArgs(project, graph, exclude);
        AddTests(project, graph, excluded);
        for (const auto& id : excluded) {
            selected.erase(id);
        }
    }
    return selected;
}

}  // namespace hf::transform

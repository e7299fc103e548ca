#include "transform/project/project.h"

namespace hf::transform {

std::string_view ResourceTypeName(ResourceType type) {
    switch (type) {
        case ResourceType::MODEL: return "model";
        case ResourceType::SEED: return "seed";
        case ResourceType::SNAPSHOT: return "snapshot";
        case ResourceType::TEST: return "test";
        case ResourceType::SOURCE: return "source";
    }
    return "?";
}

jinja::Value Node::Config(std::string_view key, jinja::Value fallback) const {
    const jinja::Value* v = config.AsDict().Find(key);
    return v && !v->IsNone() ? *v : fallback;
}

std::vector<std::string> Node::Tags() const {
    std::vector<std::string> out;
    jinja::Value tags = Config("tags", jinja::Value(jinja::ValueList{}));
    for (const auto& t : tags.IsList() ? tags.AsList() : jinja::ValueList{tags}) {
        out.push_back(t.Str());
    }
    return out;
}

const Node* Project::FindByName(std::string_view name) const {
    for (const auto& [id, node] : nodes) {
        if (node.name == name && node.type != ResourceType::TEST && node.Enabled()) {
            return &node;
        }
    }
    return nullptr;
}

const SourceTable* Project::FindSource(std::string_view source, std::string_view table) const {
    for (const auto& [id, s] : sources) {
        if (s.source_name == source && s.name == table) {
            return &s;
        }
    }
    return nullptr;
}

}  // namespace hf::transform

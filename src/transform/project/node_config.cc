#include "transform/project/node_config.h"

#include <algorithm>

namespace hf::transform {

namespace {

void AddTags(jinja::ValueList& tags, const jinja::Value& more) {
    jinja::ValueList items = more.IsList() ? more.AsList() : jinja::ValueList{more};
    for (auto& tag : items) {
        if (std::none_of(tags.begin(), tags.end(), [&](const jinja::Value& t) { return t.Equals(tag); })) {
            tags.push_back(tag);
        }
    }
}

std::string Key(const std::string& k) { return !k.empty() && k[0] == '+' ? k.substr(1) : k; }

}  // namespace

void MergeConfig(jinja::Value& base, const jinja::Value& overlay) {
    if (!overlay.IsDict()) {
        return;
    }
    auto& dict = base.AsDict();
    for (const auto& [raw_key, value] : overlay.AsDict().Items()) {
        std::string key = Key(raw_key);
        if (key == "tags") {
            jinja::Value* existing = dict.Find("tags");
            jinja::ValueList tags = existing && existing->IsList() ? existing->AsList() : jinja::ValueList{};
            AddTags(tags, value);
            dict.Set("tags", jinja::Value(std::move(tags)));
        } else {
            dict.Set(key, value);
        }
    }
}

jinja::Value FolderConfig(const jinja::Value& tree, const std::vector<std::string>& fqn) {
    jinja::Value config{jinja::ValueDict{}};
    if (tree.IsDict()) {
        jinja::Value top{jinja::ValueDict{}};
        for (const auto& [k, v] : tree.AsDict().Items()) {
            if (!k.empty() && k[0] == '+') {
                top.AsDict().Set(k, v);
            }
        }
        MergeConfig(config, top);
    }
    const jinja::Value* level = &tree;
    for (const auto& part : fqn) {
        if (!level->IsDict()) {
            break;
        }
        const jinja::Value* child = level->AsDict().Find(part);
        if (!child || !child->IsDict()) {
            break;
        }
        jinja::Value own{jinja::ValueDict{}};
        for (const auto& [k, v] : child->AsDict().Items()) {
            if (!k.empty() && (k[0] == '+' || !v.IsDict())) {
                own.AsDict().Set(k, v);
            }
        }
        MergeConfig(config, own);
        level = child;
    }
    return config;
}

}  // namespace hf::transform

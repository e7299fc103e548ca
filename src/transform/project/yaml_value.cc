#include "transform/project/yaml_value.h"

#include "common/strings.h"

namespace hf::transform {

namespace {

jinja::Value TypedScalar(const YAML::Node& node) {
    const std::string& s = node.Scalar();
    if (node.Tag() == "!") {  // quoted
        return jinja::Value(s);
    }
    if (s == "true" || s == "True" || s == "TRUE") {
        return jinja::Value(true);
    }
    if (s == "false" || s == "False" || s == "FALSE") {
        return jinja::Value(false);
    }
    if (s == "null" || s == "Null" || s == "NULL" || s == "~" || s.empty()) {
        return jinja::Value();
    }
    long long i = 0;
    if (ParseInt64(s, i)) {
        return jinja::Value(static_cast<int64_t>(i));
    }
    double d = 0;
    if ((s.find('.') != std::string::npos || s.find('e') != std::string::npos) && ParseDouble(s, d)) {
        return jinja::Value(d);
    }
    return jinja::Value(s);
}

}  // namespace

jinja::Value YamlToValue(const YAML::Node& node) {
    switch (node.Type()) {
        case YAML::NodeType::Scalar: return TypedScalar(node);
        case YAML::NodeType::Sequence: {
            jinja::ValueList list;
            for (const auto& item : node) {
                list.push_back(YamlToValue(item));
            }
            return jinja::Value(std::move(list));
        }
        case YAML::NodeType::Map: {
            jinja::ValueDict dict;
            for (const auto& kv : node) {
                dict.Set(kv.first.Scalar(), YamlToValue(kv.second));
            }
            return jinja::Value(std::move(dict));
        }
        default: return jinja::Value();
    }
}

}  // namespace hf::transform

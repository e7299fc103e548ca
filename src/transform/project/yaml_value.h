#pragma once

#include <yaml-cpp/yaml.h>

#include "transform/jinja/value.h"

namespace hf::transform {

// Converts parsed YAML into a template value: mappings become dicts (insertion order kept),
// sequences lists, plain scalars are typed as YAML 1.2 core does (true/false, null/~, integers,
// floats), quoted scalars stay strings. Pure function, thread-safe.
jinja::Value YamlToValue(const YAML::Node& node);

}  // namespace hf::transform

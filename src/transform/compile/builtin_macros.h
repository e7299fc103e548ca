#pragma once

#include <map>
#include <memory>
#include <string>

#include "transform/jinja/ast.h"

namespace hf::transform {

// The macros HealthFlow ships (src/transform/sql/macros/*.sql, embedded): schema and alias
// naming, generic tests, cross-database helpers. Parsed once; immutable; thread-safe.
// A project macro with the same name takes precedence.
const std::map<std::string, std::shared_ptr<const jinja::MacroDef>, std::less<>>& BuiltinMacros();

}  // namespace hf::transform

#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "transform/jinja/ast.h"

namespace hf::transform::jinja {

// Parses a template. Every construct outside the supported subset (unknown tag, filter or
// test, stray end tag, unclosed block) fails here with INVALID_INPUT and a message
// "<file>:<line>: <what>", so nothing unsupported ever reaches rendering. Thread-safe.
std::shared_ptr<const Template> Parse(std::string_view source, std::string file);

// Filter and test tables used by the parser (nullptr when unknown). Defined in filters.cc.
FilterFn FindFilter(std::string_view name);
TestFn FindTest(std::string_view name);

}  // namespace hf::transform::jinja

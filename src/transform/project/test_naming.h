#pragma once

#include <string>

#include "transform/jinja/value.h"

namespace hf::transform {

// Lower-case hex MD5 of `data` (dbt names and hashes tests with it). Thread-safe.
std::string Md5Hex(std::string_view data);

// Name dbt gives a generic test: "<test>_<target>_<args>" where args are the values of `kwargs`
// (a dict; "model" skipped) sorted by argument name, lists and dicts flattened, every run of
// characters outside [0-9a-zA-Z_] replaced by '_', joined with "__". A name of 64 characters or
// more becomes the first 30 characters of "<test>_<target>" + '_' + md5 of the full name.
// `test` is namespace-qualified ("dbt_utils_expression_is_true"); `target` is the model name or
// "<source>_<table>" (with `test` prefixed "source_"). Pure function.
std::string GenericTestName(const std::string& test, const std::string& target, const jinja::Value& kwargs);

// unique_id of a test node: "test.<project>.<name>.<last 10 hex of md5(name + canonical kwargs)>".
std::string TestUniqueId(const std::string& project, const std::string& name, const std::string& test_namespace,
                         const std::string& test, const jinja::Value& kwargs);

}  // namespace hf::transform

#pragma once

#include <string>
#include <vector>

#include "transform/jinja/value.h"

namespace hf::transform {

// Merges config `overlay` into `base` (both dicts): each key replaces the one below, except
// `tags`, which accumulate in order without duplicates. Keys may be written `+key`.
void MergeConfig(jinja::Value& base, const jinja::Value& overlay);

// The config dbt_project.yml gives a node: walks `tree` (the `models:`/`seeds:`/... mapping)
// along the node's fqn (project, folders..., name), merging every level's `+key` entries so
// the deepest level wins and tags accumulate. Keys without `+` count as config when their
// value is not a mapping (a mapping is a sub-folder).
jinja::Value FolderConfig(const jinja::Value& tree, const std::vector<std::string>& fqn);

}  // namespace hf::transform

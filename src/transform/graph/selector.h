#pragma once

#include <set>
#include <string>
#include <vector>

#include "transform/graph/graph.h"
#include "transform/project/project.h"

namespace hf::transform {

// Selects nodes and sources as dbt's --select/--exclude do. Each argument may hold several
// selectors separated by spaces (union); a selector may join criteria with commas
// (intersection). A criterion is `[@][N+][method:]value[+N]` with methods: none (name, fqn
// or folder), tag:, path:, source:, resource_type:, config.<key>:, test_type:, fqn:, file:;
// values may use * wildcards. `+` adds ancestors (before) or descendants (after), N limits the
// depth; `@` adds descendants and their ancestors. Tests whose parent is selected are added
// (dbt's eager indirect selection) before --exclude is subtracted. An empty `select` means
// everything. Unknown methods throw INVALID_INPUT. Pure function of its inputs.
std::set<std::string> SelectNodes(const Project& project, const Graph& graph, const std::vector<std::string>& select,
                                  const std::vector<std::string>& exclude);

}  // namespace hf::transform

#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "transform/graph/graph.h"
#include "transform/project/project.h"
#include "transform/run/runner.h"

namespace hf::transform {

// The nodes one command executes and what each must wait for. Ephemeral models are never
// executed: a node waits for what its ephemeral parents depend on. Under `build`, a model's
// tests also come before its children (so a failing test skips them), except children the test
// itself depends on. Immutable once made; thread-safe to read.
struct ExecutionPlan {
    std::vector<std::string> order;                          // executed nodes, dependencies first
    std::map<std::string, std::set<std::string>> upstream;   // node -> executed nodes it waits for
    std::map<std::string, std::set<std::string>> downstream; // node -> executed nodes waiting for it
    std::map<std::string, size_t> position;                  // node -> index in order
};

// Whether `command` executes `node` (run: models; test: tests; seed; snapshot; build: all).
bool CommandRuns(RunCommand command, const Node& node);

// Plans the execution of the `selected` node ids under `command`.
ExecutionPlan MakeExecutionPlan(const Project& project, const Graph& graph, const std::set<std::string>& selected,
                                RunCommand command);

} // namespace hf::transform

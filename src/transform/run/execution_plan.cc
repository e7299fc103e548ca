#include "transform/run/execution_plan.h"

#include "common/error.h"

namespace hf::transform {

namespace {

bool IsEphemeral(const Project& project, const std::string& id) {
    auto it = project.nodes.find(id);
    return it != project.nodes.end() && it->second.type == ResourceType::MODEL &&
           it->second.Materialized() == "ephemeral";
}

// Executed nodes `id` depends on, looking through ephemeral models.
void CollectUpstream(const Project& project, const std::string& id, const std::set<std::string>& members,
                     std::set<std::string>& out, std::set<std::string>& seen) {
    auto it = project.nodes.find(id);
    if (it == project.nodes.end()) {
        return;
    }
    for (const auto& parent : it->second.depends_on) {
        if (members.count(parent)) {
            out.insert(parent);
        } else if (IsEphemeral(project, parent) && seen.insert(parent).second) {
            CollectUpstream(project, parent, members, out, seen);
        }
    }
}

// Executed children of `id`, looking through ephemeral models.
void CollectDownstream(const Project& project, const Graph& graph, const std::string& id,
                       const std::set<std::string>& members, std::set<std::string>& out, std::set<std::string>& seen) {
    for (const auto& child : graph.Children(id)) {
        if (members.count(child)) {
            out.insert(child);
        } else if (IsEphemeral(project, child) && seen.insert(child).second) {
            CollectDownstream(project, graph, child, members, out, seen);
        }
    }
}

} // namespace

bool CommandRuns(RunCommand command, const Node& node) {
    if (!node.Enabled() || (node.type == ResourceType::MODEL && node.Materialized() == "ephemeral")) {
        return false;
    }
    switch (command) {
    case RunCommand::RUN:
        return node.type == ResourceType::MODEL;
    case RunCommand::TEST:
        return node.type == ResourceType::TEST;
    case RunCommand::SEED:
        return node.type == ResourceType::SEED;
    case RunCommand::SNAPSHOT:
        return node.type == ResourceType::SNAPSHOT;
    case RunCommand::BUILD:
        return node.type != ResourceType::SOURCE;
    }
    return false;
}

ExecutionPlan MakeExecutionPlan(const Project& project, const Graph& graph, const std::set<std::string>& selected,
                                RunCommand command) {
    std::set<std::string> members;
    for (const auto& id : selected) {
        auto it = project.nodes.find(id);
        if (it != project.nodes.end() && CommandRuns(command, it->second)) {
            members.insert(id);
        }
    }
    ExecutionPlan plan;
    for (const auto& id : members) {
        std::set<std::string> seen;
        CollectUpstream(project, id, members, plan.upstream[id], seen);
    }
    if (command == RunCommand::BUILD) {
        for (const auto& id : members) {
            const Node& test = project.nodes.at(id);
            if (test.type != ResourceType::TEST) {
                continue;
            }
            std::set<std::string> ancestors = graph.Ancestors(id);
            for (const auto& parent : plan.upstream[id]) {
                std::set<std::string> children, seen;
                CollectDownstream(project, graph, parent, members, children, seen);
                for (const auto& child : children) {
                    if (child != id && project.nodes.at(child).type != ResourceType::TEST && !ancestors.count(child)) {
                        plan.upstream[child].insert(id);
                    }
                }
            }
        }
    }
    for (const auto& [id, parents] : plan.upstream) {
        plan.downstream[id];
        for (const auto& p : parents) {
            plan.downstream[p].insert(id);
        }
    }
    // Kahn's algorithm over the plan's own edges (build adds test -> child edges), ties by id.
    std::map<std::string, size_t> waiting;
    std::set<std::string> ready;
    for (const auto& id : members) {
        waiting[id] = plan.upstream[id].size();
        if (waiting[id] == 0) {
            ready.insert(id);
        }
    }
    while (!ready.empty()) {
        std::string id = *ready.begin();
        ready.erase(ready.begin());
        plan.position[id] = plan.order.size();
        plan.order.push_back(id);
        for (const auto& d : plan.downstream[id]) {
            if (--waiting[d] == 0) {
                ready.insert(d);
            }
        }
    }
    if (plan.order.size() != members.size()) {
        throw Error(ErrorKind::INTERNAL, "the execution plan has a cycle between tests and models",
                    "run the models and the tests separately (transform run, then transform test)");
    }
    return plan;
}

} // namespace hf::transform

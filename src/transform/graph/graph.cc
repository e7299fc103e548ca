#include "transform/graph/graph.h"

#include <algorithm>

#include "common/error.h"

namespace hf::transform {

namespace {

const std::set<std::string> kEmpty;

std::string DisplayName(const Project& project, const std::string& id) {
    if (auto it = project.nodes.find(id); it != project.nodes.end()) {
        return it->second.name;
    }
    if (auto it = project.sources.find(id); it != project.sources.end()) {
        return it->second.source_name + "." + it->second.name;
    }
    return id;
}

}  // namespace

Graph::Graph(const Project& project) {
    for (const auto& [id, source] : project.sources) {
        vertices_.insert(id);
    }
    for (const auto& [id, node] : project.nodes) {
        if (node.Enabled()) {
            vertices_.insert(id);
        }
    }
    for (const auto& [id, node] : project.nodes) {
        if (!node.Enabled()) {
            continue;
        }
        for (const auto& dep : node.depends_on) {
            parents_[id].insert(dep);
            children_[dep].insert(id);
        }
    }
    CheckAcyclic(project);
}

const std::set<std::string>& Graph::Parents(const std::string& id) const {
    auto it = parents_.find(id);
    return it == parents_.end() ? kEmpty : it->second;
}

const std::set<std::string>& Graph::Children(const std::string& id) const {
    auto it = children_.find(id);
    return it == children_.end() ? kEmpty : it->second;
}

void Graph::CheckAcyclic(const Project& project) const {
    enum class Mark { NEW, ACTIVE, DONE };
    std::map<std::string, Mark> marks;
    std::vector<std::string> stack;
    // Iterative depth-first search over children; `path` holds the active chain.
    for (const auto& start : vertices_) {
        if (marks[start] != Mark::NEW) {
            continue;
        }
        std::vector<std::pair<std::string, std::vector<std::string>>> frames;
        auto push = [&](const std::string& v) {
            marks[v] = Mark::ACTIVE;
            const auto& kids = Children(v);
            frames.emplace_back(v, std::vector<std::string>(kids.rbegin(), kids.rend()));
        };
        push(start);
        while (!frames.empty()) {
            auto& [v, pending] = frames.back();
            if (pending.empty()) {
                marks[v] = Mark::DONE;
                frames.pop_back();
                continue;
            }
            std::string next = pending.back();
            pending.pop_back();
            if (marks[next] == Mark::ACTIVE) {
                std::string path;
                bool in_cycle = false;
                for (const auto& f : frames) {
                    in_cycle = in_cycle || f.first == next;
                    if (in_cycle) {
                        path += DisplayName(project, f.first) + " -> ";
                    }
                }
                path += DisplayName(project, next);
                throw Error(ErrorKind::INVALID_INPUT, "dependency cycle: " + path,
                            "break the cycle: a model cannot depend, even indirectly, on itself");
            }
            if (marks[next] == Mark::NEW) {
                push(next);
            }
        }
    }
}

std::set<std::string> Graph::Walk(const std::string& id, int depth, bool up) const {
    std::set<std::string> seen;
    std::vector<std::string> frontier = {id};
    for (int level = 0; !frontier.empty() && (depth < 0 || level < depth); ++level) {
        std::vector<std::string> next;
        for (const auto& v : frontier) {
            for (const auto& w : up ? Parents(v) : Children(v)) {
                if (seen.insert(w).second) {
                    next.push_back(w);
                }
            }
        }
        frontier = std::move(next);
    }
    seen.erase(id);
    return seen;
}

std::set<std::string> Graph::Ancestors(const std::string& id, int depth) const { return Walk(id, depth, true); }

std::set<std::string> Graph::Descendants(const std::string& id, int depth) const { return Walk(id, depth, false); }

std::vector<std::vector<std::string>> Graph::ReadySets(const std::set<std::string>& subset) const {
    std::map<std::string, int> waiting;
    for (const auto& v : subset) {
        int n = 0;
        for (const auto& p : Parents(v)) {
            n += subset.count(p) ? 1 : 0;
        }
        waiting[v] = n;
    }
    std::vector<std::vector<std::string>> waves;
    std::vector<std::string> ready;
    for (const auto& [v, n] : waiting) {
        if (n == 0) {
            ready.push_back(v);
        }
    }
    while (!ready.empty()) {
        std::sort(ready.begin(), ready.end());
        waves.push_back(ready);
        std::vector<std::string> next;
        for (const auto& v : ready) {
            for (const auto& c : Children(v)) {
                auto it = waiting.find(c);
                if (it != waiting.end() && --it->second == 0) {
                    next.push_back(c);
                }
            }
        }
        ready = std::move(next);
    }
    return waves;
}

std::vector<std::string> Graph::TopologicalOrder(const std::set<std::string>& subset) const {
    std::vector<std::string> order;
    for (auto& wave : ReadySets(subset)) {
        order.insert(order.end(), wave.begin(), wave.end());
    }
    return order;
}

}  // namespace hf::transform

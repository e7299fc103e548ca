#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "transform/project/project.h"

namespace hf::transform {

// The dependency graph of a parsed project: its enabled nodes and sources, with an edge from
// each dependency to its dependent (from depends_on). Immutable after construction;
// thread-safe to read.
class Graph {
public:
    // Builds the graph and checks it has no cycle: a cycle throws INVALID_INPUT with the path,
    // "dependency cycle: a -> b -> c -> a".
    explicit Graph(const Project& project);

    // Every vertex (node and source unique ids), sorted.
    const std::set<std::string>& Vertices() const { return vertices_; }
    const std::set<std::string>& Parents(const std::string& id) const;
    const std::set<std::string>& Children(const std::string& id) const;
    // Ancestors (dependencies, transitively) up to `depth` edges away (-1 = unlimited); excludes `id`.
    std::set<std::string> Ancestors(const std::string& id, int depth = -1) const;
    // Descendants up to `depth` edges away (-1 = unlimited); excludes `id`.
    std::set<std::string> Descendants(const std::string& id, int depth = -1) const;
    // `subset` in an order where every vertex comes after its dependencies in the subset
    // (ties broken by unique id).
    std::vector<std::string> TopologicalOrder(const std::set<std::string>& subset) const;
    // `subset` in waves: the members of one wave depend only on earlier waves, so each wave's
    // members can run in parallel.
    std::vector<std::vector<std::string>> ReadySets(const std::set<std::string>& subset) const;

private:
    void CheckAcyclic(const Project& project) const;
    std::set<std::string> Walk(const std::string& id, int depth, bool up) const;

    std::set<std::string> vertices_;
    std::map<std::string, std::set<std::string>> parents_;
    std::map<std::string, std::set<std::string>> children_;
};

}  // namespace hf::transform

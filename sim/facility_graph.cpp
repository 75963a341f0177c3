#include "sim/facility_graph.hpp"

#include <algorithm>
#include <deque>
#include <functional>

#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <fmt/format.h>

#include "sim/check.hpp"

namespace dcsim::sim {

namespace {

using Graph = FacilityGraph::Graph;
using Vertex = FacilityGraph::Vertex;

// Vertices reachable from `starts` along links of `type`, forwards or backwards.
std::vector<bool> reachable(const Graph& g, const std::vector<Vertex>& starts, LinkType type,
                            bool forward) {
  std::vector<bool> seen(boost::num_vertices(g), false);
  std::deque<Vertex> queue(starts.begin(), starts.end());
  for (Vertex v : starts) seen[v] = true;
  const auto visit = [&](Vertex u) {
    if (!seen[u]) {
      seen[u] = true;
      queue.push_back(u);
    }
  };
  while (!queue.empty()) {
    const Vertex v = queue.front();
    queue.pop_front();
    if (forward) {
      for (auto [e, end] = boost::out_edges(v, g); e != end; ++e) {
        if (g[*e].type == type) visit(boost::target(*e, g));
      }
    } else {
      for (auto [e, end] = boost::in_edges(v, g); e != end; ++e) {
        if (g[*e].type == type) visit(boost::source(*e, g));
      }
    }
  }
  return seen;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::string role_text(Role r) {
  std::string out;
  const auto add = [&](Role x, const char* name) {
    if (has_role(r, x)) out += out.empty() ? name : std::string(", ") + name;
  };
  add(Role::heat_source, "heat source");
  add(Role::heat_sink, "ambient sink");
  add(Role::electrical_load, "load");
  add(Role::electrical_supply, "supply");
  return out.empty() ? "other" : out;
}

}  // namespace

const char* to_string(LinkType type) { return type == LinkType::heat ? "heat" : "electrical"; }

FacilityGraph::Vertex FacilityGraph::add_component(std::string name, std::string kind, Role roles) {
  require(!name.empty(), "name", "of a component must not be empty (kind '{}')", kind);
  require(!by_name_.contains(name), "name", "'{}' is used by two components", name);
  const Vertex v = boost::add_vertex(GraphComponent{name, std::move(kind), roles}, graph_);
  by_name_.emplace(std::move(name), v);
  return v;
}

FacilityGraph::Vertex FacilityGraph::vertex(const std::string& name) const {
  const auto it = by_name_.find(name);
  require(it != by_name_.end(), "name", "'{}' is not a component of the facility", name);
  return it->second;
}

void FacilityGraph::add_link(const std::string& from, const std::string& to, LinkType type,
                             std::string label) {
  const Vertex a = vertex(from), b = vertex(to);
  require(a != b, "link", "'{}' cannot be linked to itself", from);
  boost::add_edge(a, b, FacilityLink{type, std::move(label)}, graph_);
}

std::vector<std::string> FacilityGraph::validate() const {
  std::vector<std::string> errors;
  const auto n = boost::num_vertices(graph_);
  std::vector<Vertex> sinks, supplies;
  for (Vertex v = 0; v < n; ++v) {
    if (has_role(graph_[v].roles, Role::heat_sink)) sinks.push_back(v);
    if (has_role(graph_[v].roles, Role::electrical_supply)) supplies.push_back(v);
  }
  const std::vector<bool> to_sink = reachable(graph_, sinks, LinkType::heat, false);
  const std::vector<bool> from_supply = reachable(graph_, supplies, LinkType::electrical, true);
  for (Vertex v = 0; v < n; ++v) {
    const GraphComponent& c = graph_[v];
    if (has_role(c.roles, Role::heat_source) && !to_sink[v]) {
      errors.push_back(
          fmt::format("heat source '{}' ({}) has no heat path to an ambient sink", c.name, c.kind));
    }
    if (has_role(c.roles, Role::electrical_load) && !from_supply[v]) {
      errors.push_back(fmt::format("electrical load '{}' ({}) has no electrical path from a supply",
                                   c.name, c.kind));
    }
  }
  // Directed cycles of electrical links: strongly connected components of more than one vertex.
  const auto electrical = [this](const Graph::edge_descriptor& e) {
    return graph_[e].type == LinkType::electrical;
  };
  const boost::filtered_graph<Graph, std::function<bool(const Graph::edge_descriptor&)>> sub(
      graph_, electrical);
  std::vector<int> component(n);
  const int count = n == 0 ? 0 : boost::strong_components(sub, component.data());
  std::vector<std::vector<std::string>> members(count);
  for (Vertex v = 0; v < n; ++v) members[component[v]].push_back(graph_[v].name);
  for (auto& m : members) {
    if (m.size() < 2) continue;
    std::sort(m.begin(), m.end());
    errors.push_back(fmt::format("electrical cycle through '{}'", fmt::join(m, "', '")));
  }
  return errors;
}

void FacilityGraph::describe(const std::string& name, std::string detail, std::string cluster) {
  auto& c = graph_[vertex(name)];
  c.detail = std::move(detail);
  if (!cluster.empty()) c.cluster = std::move(cluster);
}

std::string FacilityGraph::to_dot() const {
  std::string out = "digraph facility {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n";
  auto node_line = [&](const GraphComponent& c, const char* indent) {
    const char* shape = has_role(c.roles, Role::heat_sink)           ? "ellipse"
                        : has_role(c.roles, Role::electrical_supply) ? "house"
                                                                     : "box";
    std::string label = fmt::format("{}\n{} ({})", c.name, c.kind, role_text(c.roles));
    if (!c.detail.empty()) label += "\n" + c.detail;
    return fmt::format("{}{} [label={}, shape={}];\n", indent, quoted(c.name), quoted(label), shape);
  };
  // Clusters in the order their first member was added; members in the order they were added.
  std::vector<std::string> clusters;
  for (auto [v, end] = boost::vertices(graph_); v != end; ++v) {
    const GraphComponent& c = graph_[*v];
    if (c.cluster.empty()) {
      out += node_line(c, "  ");
    } else if (std::find(clusters.begin(), clusters.end(), c.cluster) == clusters.end()) {
      clusters.push_back(c.cluster);
    }
  }
  for (std::size_t k = 0; k < clusters.size(); ++k) {
    out += fmt::format("  subgraph cluster_{} {{\n    label={};\n    style=rounded;\n    color=gray50;\n", k, quoted(clusters[k]));
    for (auto [v, end] = boost::vertices(graph_); v != end; ++v) {
      if (graph_[*v].cluster == clusters[k]) out += node_line(graph_[*v], "    ");
    }
    out += "  }\n";
  }
  for (auto [e, end] = boost::edges(graph_); e != end; ++e) {
    const FacilityLink& l = graph_[*e];
    const bool heat = l.type == LinkType::heat;
    out += fmt::format("  {} -> {} [color={}, fontcolor={}, style={}, label={}];\n",
                       quoted(graph_[boost::source(*e, graph_)].name),
                       quoted(graph_[boost::target(*e, graph_)].name), heat ? "red" : "blue",
                       heat ? "red" : "blue", heat ? "solid" : "dashed", quoted(l.label));
  }
  return out + "}\n";
}

}  // namespace dcsim::sim

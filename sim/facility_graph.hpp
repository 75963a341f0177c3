// The facility as a graph of components joined by typed links (Boost Graph adjacency_list).
// Heat links point the way heat flows (rack -> CDU -> chiller -> cooling tower -> ambient);
// electrical links point from supply to load (grid -> transformer -> UPS -> PDU -> rack).
// validate() checks the topology a simulation needs: every heat source reaches an ambient sink
// along heat links, every electrical load is reached from a supply along electrical links, and the
// electrical links form no directed cycle. to_dot() draws it for Graphviz.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace dcsim::sim {

// Roles a component plays; a rack is a heat source and an electrical load, a UPS is a load and a
// supply, a pipe plays none (Role::none, "other").
enum class Role : std::uint8_t {
  none = 0,
  heat_source = 1,
  heat_sink = 2,  // ambient: where heat leaves the facility
  electrical_load = 4,
  electrical_supply = 8,
};
constexpr Role operator|(Role a, Role b) {
  return static_cast<Role>(static_cast<std::uint8_t>(a) | static_cast<std::uint8_t>(b));
}
constexpr bool has_role(Role set, Role r) {
  return (static_cast<std::uint8_t>(set) & static_cast<std::uint8_t>(r)) != 0;
}

enum class LinkType : std::uint8_t { heat, electrical };

struct GraphComponent {
  std::string name;
  std::string kind;  // "rack_group", "chiller", "ups", ...
  Role roles = Role::none;
  std::string detail = {};   // capacity, count, redundancy, as drawn under the name
  std::string cluster = {};  // the loop, hall or plant it belongs to (drawn as a box around its members)
};

struct FacilityLink {
  LinkType type = LinkType::heat;
  std::string label;
};

class FacilityGraph {
 public:
  using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, GraphComponent,
                                      FacilityLink>;
  using Vertex = Graph::vertex_descriptor;

  // Names are unique; a duplicate or unknown name throws ParameterError.
  Vertex add_component(std::string name, std::string kind, Role roles);
  // What to draw with a component: its capacity and count, and the cluster it belongs to (an empty
  // cluster keeps the one it has).
  void describe(const std::string& name, std::string detail, std::string cluster = {});
  void add_link(const std::string& from, const std::string& to, LinkType type,
                std::string label = {});

  const Graph& graph() const { return graph_; }
  std::size_t component_count() const { return boost::num_vertices(graph_); }
  Vertex vertex(const std::string& name) const;
  bool contains(const std::string& name) const { return by_name_.contains(name); }
  const GraphComponent& component(const std::string& name) const { return graph_[vertex(name)]; }

  // One message per problem, naming the components; empty when the facility is consistent.
  std::vector<std::string> validate() const;
  // Graphviz DOT, left to right: heat links red, electrical links blue, sinks and supplies drawn
  // distinctly, each cluster (a hall, a liquid loop, a plant) boxed with its members.
  std::string to_dot() const;

 private:
  Graph graph_;
  std::map<std::string, Vertex> by_name_;
};

const char* to_string(LinkType type);

}  // namespace dcsim::sim

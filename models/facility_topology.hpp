// How a facility's components connect, and how those connections live in the facility graph
// (sim/facility_graph.hpp): the graph is what the facility is assembled from, so what `dcsim graph`
// draws is what runs.
//
// The scenario loader (app/) works out the connections from the scenario's names (a rack group's
// `hall` and `loop`, a hall's or loop's `plant`, the groups and plant an equipment entry names) and
// writes them into the graph with add_connections(); models::Facility reads them back with
// read_connections() and builds its network from nothing else. The vocabulary of components and
// links is defined here once:
//   racks.G        (rack_group)  stands in the cluster of its hall;
//   [H.]room_air   (air_loop)    a hall's air; [H.]crah (crah) its units;
//   [K.]cdu        (cdu)         a liquid loop;  plant.P (heat_rejection_plant)  a plant;
//   equipment.E    (its type)    equipment on ports;
// (the hall and loop prefixes appear only when the facility has more than one), and heat links
//   racks.G -> room_air "air", racks.G -> cdu "cold plates"     a group's air and liquid heat;
//   racks.G -> equipment.E "exhaust air" | "liquid heat" | "hot-aisle air"   equipment serving it;
//   equipment.E -> room_air | cdu | plant.P                    where the equipment's heat goes;
//   cdu -> equipment.E "coolant"                               equipment cooling a loop;
//   crah -> plant.P "chilled water", cdu -> plant.P "facility water"   the plant cooling a hall or loop.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "models/equipment.hpp"
#include "models/facility.hpp"
#include "sim/facility_graph.hpp"

namespace dcsim::models {

struct FacilityConnections {
  std::vector<std::size_t> group_hall;                 // per rack group: the hall whose air it takes in
  std::vector<std::optional<std::size_t>> group_loop;  // per rack group: the loop its liquid heat reaches
  std::vector<std::size_t> hall_plant;                 // per hall: the plant whose water feeds its units
  std::vector<std::optional<std::size_t>> loop_plant;  // per liquid loop: its plant (none: equipment cools it)
  std::vector<EquipmentPorts> equipment;               // per cooling.equipment entry

  bool operator==(const FacilityConnections&) const = default;
};

// Component names.
std::string group_component(const FacilityConfig& f, std::size_t g);
std::string hall_component(const FacilityConfig& f, std::size_t h, const char* part);  // "room_air", "crah"
std::string hall_cluster(const FacilityConfig& f, std::size_t h);
std::string loop_component(const FacilityConfig& f, std::size_t k);
std::string loop_cluster(const FacilityConfig& f, std::size_t k);
std::string plant_component(const FacilityConfig& f, std::size_t p);
std::string equipment_component(const FacilityConfig& f, std::size_t e);

// Adds the groups, halls (room air and units), loops, plants and equipment as components, and the
// links between them. The electrical chain and the plants' banks are the caller's (app/).
void add_connections(sim::FacilityGraph& g, const FacilityConfig& f, const FacilityConnections& c);
// The graph add_connections() writes, alone: for facilities built in C++ (tests).
sim::FacilityGraph connection_graph(const FacilityConfig& f, const FacilityConnections& c);
// The connections as the graph gives them. Throws ParameterError naming the component when the
// graph lacks one of the facility's components or a connection the facility needs, or gives two.
FacilityConnections read_connections(const sim::FacilityGraph& g, const FacilityConfig& f);

}  // namespace dcsim::models

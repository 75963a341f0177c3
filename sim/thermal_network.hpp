// Linear lumped-capacitance thermal network, advanced exactly between events (docs/engine.md).
//
// Capacitive node i (capacity C_i > 0 J/K, temperature T_i degC); boundary nodes hold a temperature
// that the owner sets between steps (ambient air, a plant's supply water):
//   C_i dT_i/dt = sum_j G_ij (T_j - T_i) + sum_{flow links a->i} mcp_ai (T_a - T_i) + Q_i
// A flow link carries the upstream temperature (upwind). With mass balance at every capacitive node
// (sum of mcp in = sum of mcp out, enforced by check()) the advective term equals enthalpy in minus
// enthalpy out, so energy is conserved. Collected: dT/dt = A T + b, b from boundaries and sources.
// Exact step of length h (Van Loan 1978, "Computing integrals involving the matrix exponential",
// IEEE TAC 23(3), Thm 1): the blocks of exp([[A, I, 0], [0, 0, I], [0, 0, 0]] h) are
//   Phi = e^{Ah}, G1 = int_0^h e^{As} ds, G2 = int_0^h int_0^t e^{As} ds dt, and
//   T(h) = Phi T0 + G1 b,   int_0^h T dt = G1 T0 + G2 b.
// They are computed by scaling and squaring (Moler & Van Loan 2003, "Nineteen dubious ways...",
// method 3) with a Taylor base for ||A tau|| <= 1/8 and the doubling rules, with E = Phi - I,
//   E(2t) = 2E + E^2, G1(2t) = 2 G1 + E G1, G2(2t) = 2 G2 + t G1 + E G2,
// valid for singular A (isolated nodes, no boundary) and stiff A (0.1 s to years in one network).
// Energy over a step is exact: boundary heat = sum over its links of G (T_B - T_j) + mcp T_B (flow
// out of B) - mcp T_j (flow into B), integrated; a flow link's energy is enthalpy (0 degC datum).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <Eigen/Dense>

namespace dcsim::sim {

using NodeId = std::int32_t;
using LinkId = std::int32_t;
using SourceId = std::int32_t;

// Blocks of Van Loan's augmented exponential for dT/dt = A T + b over a step of dt_s seconds.
struct StepMatrices {
  Eigen::MatrixXd phi_minus_i;  // e^{A h} - I (kept apart from I for accuracy in stiff networks)
  Eigen::MatrixXd gamma1;       // int_0^h e^{A s} ds                 [s]
  Eigen::MatrixXd gamma2;       // int_0^h int_0^t e^{A s} ds dt       [s^2]
};
StepMatrices step_matrices(const Eigen::MatrixXd& a, double dt_s);

class ThermalNetwork {
 public:
  // One term w * T(node) of an affine combination of node temperatures (mixed IT inlet air).
  struct Term {
    NodeId node;
    double weight;
  };
  // A conductance between a and b, or a flow from a to b.
  struct Link {
    NodeId a;
    NodeId b;
    bool flow;
    double coef_w_per_k;  // ua_w_per_k or mcp_w_per_k
  };

  // Step operators are cached for up to `step_cache_size` (step length, network) pairs (0: no
  // cache). The network part of the key is its content (capacities, conductances, flows), so a
  // network that returns to an earlier set of flows finds its operators again: a controller that
  // cycles through a few flow levels pays for each level once.
  explicit ThermalNetwork(std::size_t step_cache_size = 8);

  NodeId add_node(std::string name, double capacity_j_per_k, double temp_c);
  NodeId add_boundary(std::string name, double temp_c);
  LinkId add_conductance(NodeId a, NodeId b, double ua_w_per_k);
  // Advection from `from` to `to`: heat into `to` is mcp (T_from - T_to).
  LinkId add_flow(NodeId from, NodeId to, double mcp_w_per_k);
  SourceId add_source(NodeId node, double power_w);

  // Between steps. Sources, boundary and node temperatures keep the cached step operators;
  // capacities, conductances and flows invalidate them.
  void set_temp(NodeId node, double temp_c);  // state of a node, or a boundary's fixed temperature
  void set_capacity(NodeId node, double capacity_j_per_k);
  void set_conductance(LinkId link, double ua_w_per_k);
  void set_flow(LinkId link, double mcp_w_per_k);
  void set_source(SourceId source, double power_w);

  std::size_t node_count() const { return nodes_.size(); }
  std::size_t link_count() const { return links_.size(); }
  std::size_t source_count() const { return sources_.size(); }
  const std::string& name(NodeId node) const;
  bool is_boundary(NodeId node) const;
  double temp_c(NodeId node) const;
  double capacity_j_per_k(NodeId node) const;
  double source_power_w(SourceId source) const;
  NodeId source_node(SourceId source) const;
  const Link& link(LinkId link) const;
  // The network as text, one line per node, link and source in the order they were added, with their
  // coefficients (12 significant digits): what a facility assembled, for reading and for comparing
  // two assemblies node for node (`dcsim graph --network`).
  std::string describe() const;

  // Throws ParameterError naming the first capacitive node whose advective inflow differs from its
  // outflow by more than 1e-9 relative. advance() checks this whenever A is rebuilt.
  void check() const;

  void advance(double dt_s);
  // Step operators computed so far (cache misses), for tests and performance checks.
  std::uint64_t step_operators_computed() const { return operators_computed_; }

  // Energy over the last step (zero before the first).
  double last_step_s() const { return last_dt_s_; }
  double boundary_heat_j(NodeId boundary) const;  // delivered into the network by the boundary
  double total_boundary_heat_j() const;
  double source_energy_j(SourceId source) const;
  double total_source_energy_j() const;
  // Conductance a-b: heat conducted from a to b. Flow a->b: enthalpy carried, mcp int T_a dt
  // (referred to 0 degC). Computed on first request after a step.
  double link_energy_j(LinkId link) const;
  double stored_energy_change_j() const { return stored_change_j_; }
  // Sum over capacitive nodes of C (T - reference) now.
  double stored_energy_j(double reference_temp_c = 0.0) const;

  // First time in (0, horizon_s] at which the exact trajectory from the current state reaches the
  // temperature (either direction), to within 1/128 s; nothing if it does not. A grazing touch that
  // returns within one grid interval (1/8 of the elapsed time, or of an oscillation period) can be
  // missed. A start exactly at temp_c is not a crossing.
  std::optional<double> first_crossing(NodeId node, double temp_c, double horizon_s) const;
  // An upper bound on the node's temperature at every t >= 0 under the present inputs (+inf when the
  // network has no steady state, e.g. a node cut from every boundary). A is Metzler with row sums
  // <= 0, so e^{At} >= 0 with row sums <= 1 and T(t) = T_ss + e^{At} (T0 - T_ss) <= T_ss + max_j (T0_j -
  // T_ss,j)^+. A crossing search above the bound can be skipped. One LU of A per network version.
  double upper_bound_c(NodeId node) const;
  // Same for sum_i w_i T_i + offset_c.
  std::optional<double> first_crossing(std::span<const Term> terms, double offset_c, double temp_c,
                                       double horizon_s) const;

 private:
  struct Node {
    std::string name;
    bool boundary;
    int index;  // into temps_ (capacitive) or boundary_temps_ (boundary)
    double capacity_j_per_k;
  };
  struct Source {
    NodeId node;
    double power_w;
  };
  struct BoundaryTerm {  // b[row] += coef * boundary_temp[boundary]
    int row;
    int boundary;
    double coef_per_s;
  };
  struct StepEntry {
    std::uint64_t version;
    double dt_s;
    Eigen::MatrixXd step;      // (n + k) x 2n: [Phi - I, G1; W G1, W G2]
    Eigen::MatrixXd integral;  // n x 2n: [G1 G2]
    mutable std::uint64_t last_use;
  };
  struct CrossingChain {  // step operators [Phi - I, G1] for t0 * 2^j, j = 0, 1, ...
    std::uint64_t version = ~0ULL;
    double t0_s = 0.0;
    std::vector<Eigen::MatrixXd> levels;
    struct Oscillation {
      int max_level;
      double until_s;
    };
    std::vector<Oscillation> oscillations;
  };

  void require_node(NodeId node) const;
  void structure_changed();
  void materialize_link_energy() const;
  void rebuild() const;
  const StepEntry& step_entry(double dt_s);
  void extend_chain(std::size_t levels) const;
  void fill_b(Eigen::Ref<Eigen::VectorXd> b) const;

  std::vector<Node> nodes_;
  std::vector<Link> links_;
  std::vector<Source> sources_;
  Eigen::VectorXd temps_;           // capacitive nodes
  Eigen::VectorXd boundary_temps_;  // boundary nodes
  std::size_t cache_size_;

  // Derived from the parameters; rebuilt on demand when dirty_.
  mutable bool dirty_ = true;
  mutable std::uint64_t version_ = 0;
  mutable Eigen::MatrixXd a_;        // n x n
  mutable Eigen::MatrixXd w_;        // k x n: boundary heat = h c_B T_B - w_B . int T dt
  mutable Eigen::VectorXd c_;        // k
  mutable Eigen::VectorXd inv_cap_;  // n
  mutable std::vector<BoundaryTerm> boundary_terms_;
  std::vector<std::shared_ptr<const StepEntry>> cache_;
  // Content keys of the networks seen (capacities then link coefficients) and their versions,
  // most recently used last; at most kMaxKeys are remembered.
  static constexpr std::size_t kMaxKeys = 64;
  mutable std::vector<std::pair<std::vector<double>, std::uint64_t>> keys_;
  mutable std::uint64_t next_version_ = 0;
  std::uint64_t use_counter_ = 0;
  std::uint64_t operators_computed_ = 0;

  // The last step.
  double last_dt_s_ = 0.0;
  Eigen::VectorXd z_;    // [T0; b] of the last step
  Eigen::VectorXd out_;  // [T(h) - T0; w_B . int T dt]
  Eigen::VectorXd last_boundary_temps_;
  std::shared_ptr<const StepEntry> last_entry_;
  Eigen::VectorXd boundary_heat_j_;
  std::vector<double> source_energy_j_;
  double stored_change_j_ = 0.0;
  mutable bool link_energy_ready_ = true;
  mutable std::vector<double> link_energy_j_;

  mutable CrossingChain chain_;
  mutable std::uint64_t lu_version_ = ~0ULL;
  mutable bool lu_invertible_ = false;
  mutable Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
};

}  // namespace dcsim::sim

#include "sim/thermal_network.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>

#include <fmt/format.h>

#include <Eigen/Eigenvalues>

#include "sim/check.hpp"

namespace dcsim::sim {

namespace {

// Taylor base: with ||A tau|| <= 1/8 the truncation of phi_2 after kTaylorTerms terms is below
// (1/8)^11 / 13! ~ 2e-20, far under double rounding.
constexpr double kBaseNorm = 0.125;
constexpr int kTaylorTerms = 10;

double norm1(const Eigen::MatrixXd& a) {
  return a.size() == 0 ? 0.0 : a.cwiseAbs().colwise().sum().maxCoeff();
}

double factorial(int k) {
  double f = 1.0;
  for (int i = 2; i <= k; ++i) f *= i;
  return f;
}

// phi_j(X) = sum_k X^k / (k + j)!; for X = A tau: e^{A tau} - I = X phi_1, G1 = tau phi_1,
// G2 = tau^2 phi_2. phi_2 by Horner, then phi_1 = I + X phi_2. The exponential is carried as
// E = e^{A tau} - I: near I a slow mode's decrement (1e-9 next to 1 in a stiff network) would lose
// its digits to rounding, and squaring would amplify that by 2^s.
void taylor_base(const Eigen::MatrixXd& a, double tau_s, Eigen::MatrixXd& em1, Eigen::MatrixXd& g1,
                 Eigen::MatrixXd* g2) {
  const Eigen::Index n = a.rows();
  const Eigen::MatrixXd x = a * tau_s;
  const Eigen::MatrixXd id = Eigen::MatrixXd::Identity(n, n);
  Eigen::MatrixXd p2 = id / factorial(kTaylorTerms + 2);
  Eigen::MatrixXd tmp(n, n);
  for (int k = kTaylorTerms - 1; k >= 0; --k) {
    tmp.noalias() = x * p2;
    p2 = tmp + id / factorial(k + 2);
  }
  Eigen::MatrixXd p1 = id;
  p1.noalias() += x * p2;
  em1.noalias() = x * p1;
  g1 = p1 * tau_s;
  if (g2) *g2 = p2 * (tau_s * tau_s);
}

int doublings_for(double norm, double dt_s) {
  if (!(norm * dt_s > kBaseNorm)) return 0;
  return std::max(0, static_cast<int>(std::ceil(std::log2(norm * dt_s / kBaseNorm))));
}

int sign_of(double y) { return (y > 0.0) - (y < 0.0); }

}  // namespace

StepMatrices step_matrices(const Eigen::MatrixXd& a, double dt_s) {
  require(a.rows() == a.cols(), "a", "must be square (got {} x {})", a.rows(), a.cols());
  require(std::isfinite(dt_s) && dt_s > 0.0, "dt_s", "must be > 0 (got {})", dt_s);
  const int s = doublings_for(norm1(a), dt_s);
  double tau = std::ldexp(dt_s, -s);
  StepMatrices m;
  taylor_base(a, tau, m.phi_minus_i, m.gamma1, &m.gamma2);
  const Eigen::Index n = a.rows();
  Eigen::MatrixXd t(n, n);
  Eigen::MatrixXd& e = m.phi_minus_i;
  for (int i = 0; i < s; ++i) {
    // With Phi = I + E: G2 += t G1 + Phi G2, G1 += Phi G1, E = 2E + E^2.
    t.noalias() = e * m.gamma2;
    m.gamma2 = 2.0 * m.gamma2 + tau * m.gamma1 + t;
    t.noalias() = e * m.gamma1;
    m.gamma1 = 2.0 * m.gamma1 + t;
    t.noalias() = e * e;
    e = 2.0 * e + t;
    tau *= 2.0;
  }
  return m;
}

ThermalNetwork::ThermalNetwork(std::size_t step_cache_size) : cache_size_(step_cache_size) {}

void ThermalNetwork::require_node(NodeId node) const {
  require(node >= 0 && static_cast<std::size_t>(node) < nodes_.size(), "node",
          "id out of range (got {}, network has {} nodes)", node, nodes_.size());
}

void ThermalNetwork::structure_changed() {
  materialize_link_energy();
  dirty_ = true;
}

NodeId ThermalNetwork::add_node(std::string name, double capacity_j_per_k, double temp_c) {
  require(std::isfinite(capacity_j_per_k) && capacity_j_per_k > 0.0, "capacity_j_per_k",
          "of node '{}' must be > 0 (got {})", name, capacity_j_per_k);
  require(std::isfinite(temp_c), "temp_c", "of node '{}' must be finite (got {})", name, temp_c);
  structure_changed();
  const int index = static_cast<int>(temps_.size());
  temps_.conservativeResize(index + 1);
  temps_[index] = temp_c;
  nodes_.push_back({std::move(name), false, index, capacity_j_per_k});
  return static_cast<NodeId>(nodes_.size() - 1);
}

NodeId ThermalNetwork::add_boundary(std::string name, double temp_c) {
  require(std::isfinite(temp_c), "temp_c", "of boundary '{}' must be finite (got {})", name,
          temp_c);
  structure_changed();
  const int index = static_cast<int>(boundary_temps_.size());
  boundary_temps_.conservativeResize(index + 1);
  boundary_temps_[index] = temp_c;
  nodes_.push_back({std::move(name), true, index, 0.0});
  return static_cast<NodeId>(nodes_.size() - 1);
}

LinkId ThermalNetwork::add_conductance(NodeId a, NodeId b, double ua_w_per_k) {
  require_node(a);
  require_node(b);
  require(a != b, "node", "a conductance needs two distinct nodes (got '{}' twice)",
          nodes_[a].name);
  require(std::isfinite(ua_w_per_k) && ua_w_per_k >= 0.0, "ua_w_per_k",
          "between '{}' and '{}' must be >= 0 (got {})", nodes_[a].name, nodes_[b].name,
          ua_w_per_k);
  structure_changed();
  links_.push_back({a, b, false, ua_w_per_k});
  return static_cast<LinkId>(links_.size() - 1);
}

LinkId ThermalNetwork::add_flow(NodeId from, NodeId to, double mcp_w_per_k) {
  require_node(from);
  require_node(to);
  require(from != to, "node", "a flow needs two distinct nodes (got '{}' twice)",
          nodes_[from].name);
  require(std::isfinite(mcp_w_per_k) && mcp_w_per_k >= 0.0, "mcp_w_per_k",
          "from '{}' to '{}' must be >= 0 (got {})", nodes_[from].name, nodes_[to].name,
          mcp_w_per_k);
  structure_changed();
  links_.push_back({from, to, true, mcp_w_per_k});
  return static_cast<LinkId>(links_.size() - 1);
}

SourceId ThermalNetwork::add_source(NodeId node, double power_w) {
  require_node(node);
  require(!nodes_[node].boundary, "node",
          "a heat source needs a capacitive node ('{}' is a boundary)", nodes_[node].name);
  require(std::isfinite(power_w), "power_w", "on '{}' must be finite (got {})", nodes_[node].name,
          power_w);
  sources_.push_back({node, power_w});
  source_energy_j_.push_back(0.0);
  return static_cast<SourceId>(sources_.size() - 1);
}

void ThermalNetwork::set_temp(NodeId node, double temp_c) {
  require_node(node);
  require(std::isfinite(temp_c), "temp_c", "of '{}' must be finite (got {})", nodes_[node].name,
          temp_c);
  const Node& nd = nodes_[node];
  (nd.boundary ? boundary_temps_ : temps_)[nd.index] = temp_c;
}

void ThermalNetwork::set_capacity(NodeId node, double capacity_j_per_k) {
  require_node(node);
  require(!nodes_[node].boundary, "node", "'{}' is a boundary and has no capacity",
          nodes_[node].name);
  require(std::isfinite(capacity_j_per_k) && capacity_j_per_k > 0.0, "capacity_j_per_k",
          "of node '{}' must be > 0 (got {})", nodes_[node].name, capacity_j_per_k);
  if (nodes_[node].capacity_j_per_k == capacity_j_per_k) return;
  structure_changed();
  nodes_[node].capacity_j_per_k = capacity_j_per_k;
}

void ThermalNetwork::set_conductance(LinkId link, double ua_w_per_k) {
  require(link >= 0 && static_cast<std::size_t>(link) < links_.size() && !links_[link].flow, "link",
          "is not a conductance (got id {})", link);
  require(std::isfinite(ua_w_per_k) && ua_w_per_k >= 0.0, "ua_w_per_k", "must be >= 0 (got {})",
          ua_w_per_k);
  if (links_[link].coef_w_per_k == ua_w_per_k) return;
  structure_changed();
  links_[link].coef_w_per_k = ua_w_per_k;
}

void ThermalNetwork::set_flow(LinkId link, double mcp_w_per_k) {
  require(link >= 0 && static_cast<std::size_t>(link) < links_.size() && links_[link].flow, "link",
          "is not a flow link (got id {})", link);
  require(std::isfinite(mcp_w_per_k) && mcp_w_per_k >= 0.0, "mcp_w_per_k", "must be >= 0 (got {})",
          mcp_w_per_k);
  if (links_[link].coef_w_per_k == mcp_w_per_k) return;
  structure_changed();
  links_[link].coef_w_per_k = mcp_w_per_k;
}

void ThermalNetwork::set_source(SourceId source, double power_w) {
  require(source >= 0 && static_cast<std::size_t>(source) < sources_.size(), "source",
          "id out of range (got {})", source);
  require(std::isfinite(power_w), "power_w", "must be finite (got {})", power_w);
  sources_[source].power_w = power_w;
}

const std::string& ThermalNetwork::name(NodeId node) const {
  require_node(node);
  return nodes_[node].name;
}

bool ThermalNetwork::is_boundary(NodeId node) const {
  require_node(node);
  return nodes_[node].boundary;
}

double ThermalNetwork::temp_c(NodeId node) const {
  require_node(node);
  const Node& nd = nodes_[node];
  return nd.boundary ? boundary_temps_[nd.index] : temps_[nd.index];
}

double ThermalNetwork::capacity_j_per_k(NodeId node) const {
  require_node(node);
  return nodes_[node].capacity_j_per_k;
}

double ThermalNetwork::source_power_w(SourceId source) const {
  require(source >= 0 && static_cast<std::size_t>(source) < sources_.size(), "source",
          "id out of range (got {})", source);
  return sources_[source].power_w;
}

NodeId ThermalNetwork::source_node(SourceId source) const {
  require(source >= 0 && static_cast<std::size_t>(source) < sources_.size(), "source",
          "id out of range (got {})", source);
  return sources_[source].node;
}

const ThermalNetwork::Link& ThermalNetwork::link(LinkId link) const {
  require(link >= 0 && static_cast<std::size_t>(link) < links_.size(), "link",
          "id out of range (got {})", link);
  return links_[link];
}

void ThermalNetwork::check() const {
  std::vector<double> in(nodes_.size(), 0.0), out(nodes_.size(), 0.0);
  for (const Link& l : links_) {
    if (!l.flow) continue;
    out[l.a] += l.coef_w_per_k;
    in[l.b] += l.coef_w_per_k;
  }
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].boundary) continue;
    if (std::abs(in[i] - out[i]) > 1e-9 * std::max(in[i], out[i])) {
      throw ParameterError("flows",
                           fmt::format("flows: mass balance violated at node '{}': advective "
                                       "inflow {} W/K, outflow {} W/K",
                                       nodes_[i].name, in[i], out[i]));
    }
  }
}

void ThermalNetwork::rebuild() const {
  if (!dirty_) return;
  check();
  const Eigen::Index n = temps_.size(), k = boundary_temps_.size();
  a_.setZero(n, n);
  w_.setZero(k, n);
  c_.setZero(k);
  inv_cap_.resize(n);
  boundary_terms_.clear();
  for (const Node& nd : nodes_) {
    if (!nd.boundary) inv_cap_[nd.index] = 1.0 / nd.capacity_j_per_k;
  }
  for (const Link& l : links_) {
    const Node& na = nodes_[l.a];
    const Node& nb = nodes_[l.b];
    const double g = l.coef_w_per_k;
    if (!l.flow) {
      const auto half = [&](const Node& p, const Node& q) {  // the effect on capacitive p
        a_(p.index, p.index) -= g * inv_cap_[p.index];
        if (q.boundary) {
          boundary_terms_.push_back({p.index, q.index, g * inv_cap_[p.index]});
          w_(q.index, p.index) += g;
          c_[q.index] += g;
        } else {
          a_(p.index, q.index) += g * inv_cap_[p.index];
        }
      };
      if (!na.boundary) half(na, nb);
      if (!nb.boundary) half(nb, na);
    } else if (!nb.boundary) {
      a_(nb.index, nb.index) -= g * inv_cap_[nb.index];
      if (na.boundary) {
        boundary_terms_.push_back({nb.index, na.index, g * inv_cap_[nb.index]});
        c_[na.index] += g;
      } else {
        a_(nb.index, na.index) += g * inv_cap_[nb.index];
      }
    } else if (!na.boundary) {
      w_(nb.index, na.index) += g;  // enthalpy returned to the boundary
    }
  }
  dirty_ = false;
  // The version names the content, so that operators cached for it stay valid when it comes back.
  std::vector<double> key;
  key.reserve(nodes_.size() + links_.size());
  for (const Node& nd : nodes_) key.push_back(nd.boundary ? -1.0 : nd.capacity_j_per_k);
  for (const Link& l : links_) key.push_back(l.coef_w_per_k);
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i].first == key) {
      version_ = keys_[i].second;
      std::rotate(keys_.begin() + static_cast<std::ptrdiff_t>(i), keys_.begin() + static_cast<std::ptrdiff_t>(i) + 1, keys_.end());
      return;
    }
  }
  version_ = ++next_version_;
  if (keys_.size() >= kMaxKeys) keys_.erase(keys_.begin());
  keys_.emplace_back(std::move(key), version_);
}

void ThermalNetwork::fill_b(Eigen::Ref<Eigen::VectorXd> b) const {
  b.setZero();
  for (const BoundaryTerm& t : boundary_terms_)
    b[t.row] += t.coef_per_s * boundary_temps_[t.boundary];
  for (const Source& s : sources_) {
    const int row = nodes_[s.node].index;
    b[row] += s.power_w * inv_cap_[row];
  }
}

const ThermalNetwork::StepEntry& ThermalNetwork::step_entry(double dt_s) {
  ++use_counter_;
  for (const auto& e : cache_) {
    if (e->dt_s == dt_s && e->version == version_) {
      e->last_use = use_counter_;
      return *e;
    }
  }
  const Eigen::Index n = a_.rows(), k = w_.rows();
  const StepMatrices m = step_matrices(a_, dt_s);
  ++operators_computed_;
  auto e = std::make_shared<StepEntry>();
  e->version = version_;
  e->dt_s = dt_s;
  e->last_use = use_counter_;
  e->step.resize(n + k, 2 * n);
  e->step.topLeftCorner(n, n) = m.phi_minus_i;
  e->step.topRightCorner(n, n) = m.gamma1;
  e->step.bottomLeftCorner(k, n).noalias() = w_ * m.gamma1;
  e->step.bottomRightCorner(k, n).noalias() = w_ * m.gamma2;
  e->integral.resize(n, 2 * n);
  e->integral << m.gamma1, m.gamma2;
  if (cache_size_ == 0) {
    last_entry_ = std::move(e);
    return *last_entry_;
  }
  if (cache_.size() < cache_size_) {
    cache_.push_back(std::move(e));
    return *cache_.back();
  }
  auto oldest = std::min_element(cache_.begin(), cache_.end(), [](const auto& x, const auto& y) {
    return x->last_use < y->last_use;
  });
  *oldest = std::move(e);
  return **oldest;
}

void ThermalNetwork::advance(double dt_s) {
  require(std::isfinite(dt_s) && dt_s > 0.0, "dt_s", "must be > 0 (got {})", dt_s);
  rebuild();
  const Eigen::Index n = temps_.size(), k = boundary_temps_.size();
  const StepEntry& e = step_entry(dt_s);
  if (cache_size_ != 0) {
    for (const auto& p : cache_) {
      if (p.get() == &e) last_entry_ = p;
    }
  }
  z_.resize(2 * n);
  z_.head(n) = temps_;
  fill_b(z_.tail(n));
  out_.resize(n + k);
  out_.noalias() = e.step * z_;
  const double stored_before_j = stored_energy_j();
  temps_ += out_.head(n);
  stored_change_j_ = stored_energy_j() - stored_before_j;
  boundary_heat_j_ = dt_s * c_.cwiseProduct(boundary_temps_) - out_.tail(k);
  for (std::size_t i = 0; i < sources_.size(); ++i)
    source_energy_j_[i] = sources_[i].power_w * dt_s;
  last_boundary_temps_ = boundary_temps_;
  last_dt_s_ = dt_s;
  link_energy_ready_ = false;
}

std::string ThermalNetwork::describe() const {
  std::string out;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const auto n = static_cast<NodeId>(i);
    if (is_boundary(n)) {
      out += fmt::format("node {} {} boundary T={:.12g} degC\n", i, name(n), temp_c(n));
    } else {
      out += fmt::format("node {} {} C={:.12g} J/K T={:.12g} degC\n", i, name(n), capacity_j_per_k(n), temp_c(n));
    }
  }
  for (std::size_t i = 0; i < links_.size(); ++i) {
    const Link& l = link(static_cast<LinkId>(i));
    out += l.flow ? fmt::format("link {} flow {} -> {} mcp={:.12g} W/K\n", i, name(l.a), name(l.b), l.coef_w_per_k)
                  : fmt::format("link {} conductance {} -- {} UA={:.12g} W/K\n", i, name(l.a), name(l.b), l.coef_w_per_k);
  }
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    const auto s = static_cast<SourceId>(i);
    out += fmt::format("source {} into {} P={:.12g} W\n", i, name(source_node(s)), source_power_w(s));
  }
  return out;
}

double ThermalNetwork::stored_energy_j(double reference_temp_c) const {
  double e = 0.0;
  for (const Node& nd : nodes_) {
    if (!nd.boundary) e += nd.capacity_j_per_k * (temps_[nd.index] - reference_temp_c);
  }
  return e;
}

double ThermalNetwork::boundary_heat_j(NodeId boundary) const {
  require_node(boundary);
  require(nodes_[boundary].boundary, "node", "'{}' is not a boundary", nodes_[boundary].name);
  return last_dt_s_ > 0.0 ? boundary_heat_j_[nodes_[boundary].index] : 0.0;
}

double ThermalNetwork::total_boundary_heat_j() const {
  return last_dt_s_ > 0.0 ? boundary_heat_j_.sum() : 0.0;
}

double ThermalNetwork::source_energy_j(SourceId source) const {
  require(source >= 0 && static_cast<std::size_t>(source) < sources_.size(), "source",
          "id out of range (got {})", source);
  return source_energy_j_[source];
}

double ThermalNetwork::total_source_energy_j() const {
  double e = 0.0;
  for (double x : source_energy_j_) e += x;
  return e;
}

void ThermalNetwork::materialize_link_energy() const {
  if (link_energy_ready_) return;
  link_energy_ready_ = true;
  link_energy_j_.assign(links_.size(), 0.0);
  if (!last_entry_) return;
  const Eigen::VectorXd integral = last_entry_->integral * z_;  // int_0^h T dt per capacitive node
  const auto node_integral = [&](NodeId id) {
    const Node& nd = nodes_[id];
    return nd.boundary ? last_boundary_temps_[nd.index] * last_dt_s_ : integral[nd.index];
  };
  for (std::size_t i = 0; i < links_.size(); ++i) {
    const Link& l = links_[i];
    link_energy_j_[i] =
        l.coef_w_per_k * (l.flow ? node_integral(l.a) : node_integral(l.a) - node_integral(l.b));
  }
}

double ThermalNetwork::link_energy_j(LinkId link) const {
  require(link >= 0 && static_cast<std::size_t>(link) < links_.size(), "link",
          "id out of range (got {})", link);
  materialize_link_energy();
  return link < static_cast<LinkId>(link_energy_j_.size()) ? link_energy_j_[link] : 0.0;
}

void ThermalNetwork::extend_chain(std::size_t levels) const {
  const Eigen::Index n = a_.rows();
  if (chain_.version != version_) {
    chain_ = CrossingChain{};
    chain_.version = version_;
    const double norm = norm1(a_);
    double t0 = 1.0 / 128.0;
    if (norm * t0 > kBaseNorm)
      t0 = std::ldexp(1.0, static_cast<int>(std::floor(std::log2(kBaseNorm / norm))));
    chain_.t0_s = t0;
    Eigen::MatrixXd em1, g1;
    taylor_base(a_, t0, em1, g1, nullptr);
    Eigen::MatrixXd p(n, 2 * n);
    p << em1, g1;
    chain_.levels.push_back(std::move(p));
    // Oscillatory modes (advective loops): keep the grid finer than 1/8 of their period while
    // they last (50 e-folds, at most 1000 periods).
    if (n > 0) {
      const Eigen::VectorXcd lambda = Eigen::EigenSolver<Eigen::MatrixXd>(a_, false).eigenvalues();
      for (Eigen::Index i = 0; i < lambda.size(); ++i) {
        const double omega = std::abs(lambda[i].imag());
        if (omega <= 0.0) continue;
        const double period_s = 2.0 * std::numbers::pi / omega;
        const double alpha = -lambda[i].real();
        const double until_s =
            std::min(alpha > 0.0 ? 50.0 / alpha : std::numeric_limits<double>::infinity(),
                     1000.0 * period_s);
        const int level = static_cast<int>(std::floor(std::log2(period_s / (8.0 * t0))));
        chain_.oscillations.push_back({std::max(0, level), until_s});
      }
    }
  }
  Eigen::MatrixXd t1(n, n);
  while (chain_.levels.size() < levels) {
    const Eigen::MatrixXd& p = chain_.levels.back();
    Eigen::MatrixXd next(n, 2 * n);
    t1.noalias() = p.leftCols(n) * p.rightCols(n);
    next.rightCols(n) = 2.0 * p.rightCols(n) + t1;
    t1.noalias() = p.leftCols(n) * p.leftCols(n);
    next.leftCols(n) = 2.0 * p.leftCols(n) + t1;
    chain_.levels.push_back(std::move(next));
  }
}

double ThermalNetwork::upper_bound_c(NodeId node) const {
  require_node(node);
  const Node& nd = nodes_[node];
  if (nd.boundary) return boundary_temps_[nd.index];
  rebuild();
  if (lu_version_ != version_) {
    // Partial pivoting (a thermal network's matrix is an M-matrix, for which it is stable); whether
    // the matrix is singular (a part of the network with no path to a boundary) shows in the
    // residual below, not in a rank test.
    lu_.compute(a_);
    // A pivot within round-off of zero (n eps of the largest) is zero: a part cut from every boundary.
    const auto pivots = lu_.matrixLU().diagonal();
    const double tiny = static_cast<double>(pivots.size()) * std::numeric_limits<double>::epsilon() *
                        pivots.cwiseAbs().maxCoeff();
    lu_invertible_ = pivots.allFinite() && (pivots.cwiseAbs().array() > tiny).all();
    lu_version_ = version_;
  }
  if (!lu_invertible_) return std::numeric_limits<double>::infinity();
  Eigen::VectorXd b(temps_.size());
  fill_b(b);
  const Eigen::VectorXd ss = lu_.solve(-b);
  // Trust the steady state only where it solves A ss = -b to round-off: otherwise no bound.
  const double residual = (a_ * ss + b).cwiseAbs().maxCoeff();
  const double scale = a_.cwiseAbs().rowwise().sum().maxCoeff() * ss.cwiseAbs().maxCoeff() + b.cwiseAbs().maxCoeff();
  if (!(residual <= 1e-9 * scale)) return std::numeric_limits<double>::infinity();
  const double excess = std::max((temps_ - ss).maxCoeff(), 0.0);
  const double bound = ss[nd.index] + excess;
  // Round-off of the solve: widen by a relative 1e-9 of the temperatures involved.
  return std::isfinite(bound) ? bound + 1e-9 * (1.0 + ss.cwiseAbs().maxCoeff() + temps_.cwiseAbs().maxCoeff())
                              : std::numeric_limits<double>::infinity();
}

std::optional<double> ThermalNetwork::first_crossing(NodeId node, double temp_c,
                                                     double horizon_s) const {
  const Term term{node, 1.0};
  return first_crossing(std::span<const Term>(&term, 1), 0.0, temp_c, horizon_s);
}

std::optional<double> ThermalNetwork::first_crossing(std::span<const Term> terms, double offset_c,
                                                     double temp_c, double horizon_s) const {
  require(std::isfinite(horizon_s) && horizon_s > 0.0, "horizon_s", "must be > 0 (got {})",
          horizon_s);
  require(std::isfinite(temp_c), "temp_c", "must be finite (got {})", temp_c);
  rebuild();
  const Eigen::Index n = temps_.size();
  // y(t) = w . T(t) + constant - temp_c over the capacitive state.
  Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
  double constant = offset_c - temp_c;
  for (const Term& t : terms) {
    require_node(t.node);
    const Node& nd = nodes_[t.node];
    if (nd.boundary) {
      constant += t.weight * boundary_temps_[nd.index];
    } else {
      w[nd.index] += t.weight;
    }
  }
  Eigen::VectorXd z(2 * n), x_next(n);
  z.head(n) = temps_;
  fill_b(z.tail(n));
  const auto value = [&](const Eigen::VectorXd& x) { return w.dot(x) + constant; };
  if (w.isZero(0.0)) return std::nullopt;
  int s0 = sign_of(value(temps_));

  extend_chain(1);
  const double t0 = chain_.t0_s;
  const auto delta = [&](int j) { return std::ldexp(t0, j); };
  const auto step = [&](int j, const Eigen::VectorXd& zz, Eigen::VectorXd& x) {
    extend_chain(static_cast<std::size_t>(j) + 1);
    x = zz.head(n);
    x.noalias() += chain_.levels[j] * zz;
  };
  const auto crossed = [&](double y) { return s0 != 0 && sign_of(y) != s0; };

  double t = 0.0;
  std::size_t steps = 0;
  while (t < horizon_s) {
    // Geometric grid: intervals of 1/8 of the elapsed time, finer while an oscillation lasts.
    int j = t < 8.0 * t0 ? 0 : static_cast<int>(std::floor(std::log2(t / t0))) - 3;
    for (const auto& osc : chain_.oscillations) {
      if (t < osc.until_s && steps < 1000000) j = std::min(j, osc.max_level);
    }
    while (j > 0 && t + delta(j) > horizon_s) --j;
    if (t + delta(j) > horizon_s) {
      // Last piece shorter than t0: x(e) = x + e phi_1(eA)(A x + b), with ||eA|| <= 1/8.
      const double e = horizon_s - t;
      const Eigen::VectorXd v = a_ * z.head(n) + z.tail(n);
      Eigen::VectorXd term = v, sum = v;
      for (int i = 1; i <= kTaylorTerms; ++i) {
        term = (e / (i + 1)) * (a_ * term);
        sum += term;
      }
      x_next = z.head(n) + e * sum;
      return crossed(value(x_next)) ? std::optional<double>(horizon_s) : std::nullopt;
    }
    step(j, z, x_next);
    ++steps;
    const double y = value(x_next);
    if (crossed(y)) {
      // Bisection on the exact solution with the halved step operators.
      for (int i = j - 1; i >= 0; --i) {
        step(i, z, x_next);
        const double ym = value(x_next);
        if (!crossed(ym)) {
          t += delta(i);
          z.head(n) = x_next;
        }
      }
      return std::min(t + t0, horizon_s);
    }
    if (s0 == 0) s0 = sign_of(y);
    t += delta(j);
    z.head(n) = x_next;
  }
  return std::nullopt;
}

}  // namespace dcsim::sim

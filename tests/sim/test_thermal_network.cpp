// The exact thermal network against closed-form solutions, energy conservation and crossing times.
#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unsupported/Eigen/MatrixFunctions>

#include "sim/check.hpp"
#include "sim/thermal_network.hpp"

using dcsim::sim::NodeId;
using dcsim::sim::ThermalNetwork;

namespace {

double uniform(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }
double log_uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo * std::pow(hi / lo, uniform(rng));
}

bool rel_close(double x, double ref, double rel) {
  return std::abs(x - ref) <= rel * std::abs(ref);
}

// Root of f on [a, b] with f(a), f(b) of opposite signs, by bisection on the analytic formula.
template <typename F>
double root(F f, double a, double b) {
  const double fa = f(a);
  for (int i = 0; i < 200; ++i) {
    const double m = 0.5 * (a + b);
    if ((f(m) > 0) == (fa > 0))
      a = m;
    else
      b = m;
  }
  return 0.5 * (a + b);
}

// Two nodes: C1 joined to ambient Ta by G1a and to C2 by G12. With theta = T - Ta,
// theta' = M theta, M = [[-(G12+G1a)/C1, G12/C1], [G12/C2, -G12/C2]]. Eigenvalues
// l1 = (tr - sqrt(tr^2 - 4 det)) / 2 (the fast one, no cancellation since tr < 0), l2 = det / l1;
// eigenvectors from the row without cancellation: v1 = [l1 - m22, m21], v2 = [m12, l2 - m11];
// theta(t) = a1 v1 e^{l1 t} + a2 v2 e^{l2 t}.
struct TwoNode {
  double c1, c2, g12, g1a, ta;
  double m11, m12, m21, m22, l1, l2, a1, a2;
  TwoNode(double c1_, double c2_, double g12_, double g1a_, double ta_, double t10, double t20)
      : c1(c1_), c2(c2_), g12(g12_), g1a(g1a_), ta(ta_) {
    m11 = -(g12 + g1a) / c1;
    m12 = g12 / c1;
    m21 = g12 / c2;
    m22 = -g12 / c2;
    const double tr = m11 + m22, det = m11 * m22 - m12 * m21;
    l1 = 0.5 * (tr - std::sqrt(tr * tr - 4.0 * det));
    l2 = det / l1;
    // Solve a1 v1 + a2 v2 = theta0 (2x2, Cramer).
    const double v11 = l1 - m22, v12 = m21, v21 = m12, v22 = l2 - m11;
    const double th1 = t10 - ta, th2 = t20 - ta;
    const double d = v11 * v22 - v21 * v12;
    a1 = (th1 * v22 - v21 * th2) / d;
    a2 = (v11 * th2 - th1 * v12) / d;
  }
  double t1(double t) const {
    return ta + a1 * (l1 - m22) * std::exp(l1 * t) + a2 * m12 * std::exp(l2 * t);
  }
  double t2(double t) const {
    return ta + a1 * m21 * std::exp(l1 * t) + a2 * (l2 - m11) * std::exp(l2 * t);
  }
};

// A random connected network: n nodes (capacities 1e3..1e8 J/K), k boundaries, a spanning tree of
// conductances plus extra ones, flow loops through nodes and boundaries (mass balanced by
// construction: each loop carries one mcp around), sources on random nodes.
struct RandomNet {
  ThermalNetwork net;
  std::vector<NodeId> nodes, boundaries;
  std::vector<int> sources;
  std::vector<int> conductances;
  RandomNet(std::uint64_t seed, int n, int k, std::size_t cache) : net(cache) {
    std::mt19937_64 rng(seed);
    for (int i = 0; i < n; ++i) {
      nodes.push_back(net.add_node(fmt::format("n{}", i), log_uniform(rng, 1e3, 1e8),
                                   10.0 + 50.0 * uniform(rng)));
    }
    for (int i = 0; i < k; ++i)
      boundaries.push_back(net.add_boundary(fmt::format("b{}", i), 30.0 * uniform(rng)));
    const auto pick = [&](const std::vector<NodeId>& v) { return v[rng() % v.size()]; };
    for (int i = 1; i < n; ++i) {
      conductances.push_back(
          net.add_conductance(nodes[i], nodes[rng() % i], log_uniform(rng, 1.0, 1e4)));
    }
    for (int i = 0; i < n / 2; ++i) {
      const NodeId a = pick(nodes), b = pick(nodes);
      if (a != b) conductances.push_back(net.add_conductance(a, b, log_uniform(rng, 1.0, 1e4)));
    }
    for (NodeId b : boundaries)
      conductances.push_back(net.add_conductance(b, pick(nodes), log_uniform(rng, 1.0, 1e3)));
    std::vector<NodeId> all = nodes;
    all.insert(all.end(), boundaries.begin(), boundaries.end());
    for (int loop = 0; loop < 4; ++loop) {
      std::vector<NodeId> cycle;
      const int len = 2 + static_cast<int>(rng() % 4);
      while (static_cast<int>(cycle.size()) < len) {
        const NodeId v = pick(all);
        if (std::find(cycle.begin(), cycle.end(), v) == cycle.end()) cycle.push_back(v);
      }
      const double mcp = log_uniform(rng, 10.0, 1e4);
      for (int i = 0; i < len; ++i) net.add_flow(cycle[i], cycle[(i + 1) % len], mcp);
    }
    if (k >= 2) {  // a once-through stream: boundary 0 -> two nodes -> boundary 1
      const double mcp = log_uniform(rng, 10.0, 1e3);
      net.add_flow(boundaries[0], nodes[0], mcp);
      net.add_flow(nodes[0], nodes[1], mcp);
      net.add_flow(nodes[1], boundaries[1], mcp);
    }
    for (int i = 0; i < n / 3; ++i)
      sources.push_back(net.add_source(pick(nodes), 1e5 * uniform(rng)));
  }
};

}  // namespace

TEST_CASE("step matrices equal the blocks of Van Loan's augmented exponential", "[thermal]") {
  std::mt19937_64 rng(7);
  for (double dt : {0.01, 1.0, 3600.0, 3.15e7}) {
    // A random Metzler matrix (non-negative off the diagonal, rows summing to <= 0), as a network
    // of conductances and flows produces; node 0 also leaks to a boundary.
    Eigen::MatrixXd a(6, 6);
    for (int i = 0; i < 6; ++i) {
      double row = 0.0;
      for (int j = 0; j < 6; ++j) {
        a(i, j) = i == j ? 0.0 : log_uniform(rng, 1e-6, 1e-2) * (uniform(rng) < 0.5);
        row += a(i, j);
      }
      a(i, i) = -row - (i == 0 ? 1e-3 : 0.0);
    }
    const auto m = dcsim::sim::step_matrices(a, dt);
    // Reference: Eigen's Pade exponential of the 3n augmented matrix in long double.
    using MatL = Eigen::Matrix<long double, Eigen::Dynamic, Eigen::Dynamic>;
    MatL big = MatL::Zero(18, 18);
    big.block(0, 0, 6, 6) = (a * dt).cast<long double>();
    big.block(0, 6, 6, 6) = MatL::Identity(6, 6);
    big.block(6, 12, 6, 6) = MatL::Identity(6, 6);
    const Eigen::MatrixXd e = MatL(big.exp()).cast<double>();
    const auto close = [](const Eigen::MatrixXd& x, const Eigen::MatrixXd& ref) {
      return (x - ref).norm() <= 1e-11 * ref.norm();
    };
    CHECK(close(m.phi_minus_i + Eigen::MatrixXd::Identity(6, 6), e.block(0, 0, 6, 6)));
    CHECK(close(m.gamma1, dt * e.block(0, 6, 6, 6)));
    CHECK(close(m.gamma2, dt * dt * e.block(0, 12, 6, 6)));
  }
}

TEST_CASE("one node relaxes to a boundary exponentially", "[thermal]") {
  // C dT/dt = G (T_inf - T): T(t) = T_inf + (T0 - T_inf) e^{-t/tau}, tau = C/G = 1000 s.
  const double c = 1e6, g = 1e3, tau = c / g, t_inf = 20.0, t0 = 80.0;
  ThermalNetwork net;
  const NodeId node = net.add_node("water", c, t0);
  const NodeId amb = net.add_boundary("ambient", t_inf);
  net.add_conductance(node, amb, g);
  double t = 0.0;
  for (double dt : {0.1, 1.0, 10.0, 250.0, 1000.0, 1.0, 3000.0, 10.0}) {
    const double before = net.temp_c(node);
    net.advance(dt);
    t += dt;
    const double exact = t_inf + (t0 - t_inf) * std::exp(-t / tau);
    CHECK(rel_close(net.temp_c(node), exact, 1e-9));
    // Heat from the ambient over the step: G (T_inf - T_before) tau (1 - e^{-dt/tau}).
    const double heat = g * (t_inf - before) * tau * -std::expm1(-dt / tau);
    CHECK(rel_close(net.boundary_heat_j(amb), heat, 1e-9));
    CHECK(rel_close(net.stored_energy_change_j(), heat, 1e-9));
  }
}

TEST_CASE("two nodes match the closed-form eigen solution", "[thermal]") {
  struct Case {
    double c1, c2, g12, g1a;
    std::vector<double> steps;
  };
  const std::vector<Case> cases = {
      {2e5, 8e6, 500.0, 200.0, {1.0, 60.0, 600.0, 3600.0, 86400.0}},
      // Stiff: tau about 0.1 s for node 1 and about 2 weeks for node 2; steps up to a year.
      {100.0, 1e9, 1000.0, 1000.0, {0.01, 0.1, 1.0, 100.0, 86400.0, 3.15e7}},
  };
  for (const Case& k : cases) {
    ThermalNetwork net;
    const NodeId n1 = net.add_node("a", k.c1, 45.0);
    const NodeId n2 = net.add_node("b", k.c2, 5.0);
    const NodeId amb = net.add_boundary("ambient", 15.0);
    net.add_conductance(n1, n2, k.g12);
    net.add_conductance(n1, amb, k.g1a);
    const TwoNode exact(k.c1, k.c2, k.g12, k.g1a, 15.0, 45.0, 5.0);
    double t = 0.0;
    for (double dt : k.steps) {
      net.advance(dt);
      t += dt;
      CHECK(rel_close(net.temp_c(n1), exact.t1(t), 1e-9));
      CHECK(rel_close(net.temp_c(n2), exact.t2(t), 1e-9));
    }
  }
}

TEST_CASE("a source into a node with a conductance to ambient", "[thermal]") {
  // C dT/dt = Q + G (Ta - T): T(t) = Ta + Q/G + (T0 - Ta - Q/G) e^{-t/tau}.
  const double c = 4e5, g = 250.0, q = 5000.0, ta = 25.0, t0 = 25.0, tau = c / g;
  ThermalNetwork net;
  const NodeId node = net.add_node("rack", c, t0);
  const NodeId amb = net.add_boundary("room", ta);
  net.add_conductance(node, amb, g);
  const auto src = net.add_source(node, q);
  double t = 0.0;
  for (double dt : {30.0, 300.0, 1600.0, 7200.0, 40000.0}) {
    net.advance(dt);
    t += dt;
    CHECK(rel_close(net.temp_c(node), ta + q / g + (t0 - ta - q / g) * std::exp(-t / tau), 1e-9));
    CHECK(net.source_energy_j(src) == Approx(q * dt).epsilon(1e-15));
  }
  CHECK(net.temp_c(node) == Approx(ta + q / g).epsilon(1e-9));  // steady 45 degC after 31 tau
}

TEST_CASE("an advective loop from a supply boundary through two nodes and back", "[thermal]") {
  // Supply Ts -> node 1 -> node 2 -> back to the supply, mcp m. With theta = T - Ts:
  // theta1 = theta10 e^{-t/tau1}, theta2 = a e^{-t/tau1} + (theta20 - a) e^{-t/tau2},
  // tau_i = C_i / m, a = theta10 tau1 / (tau1 - tau2). Heat from the supply = m int (Ts - T2) dt.
  const double c1 = 3e5, c2 = 1e6, m = 418.0, ts = 18.0, t10 = 40.0, t20 = 30.0;
  const double tau1 = c1 / m, tau2 = c2 / m, th10 = t10 - ts, th20 = t20 - ts;
  const double a = th10 * tau1 / (tau1 - tau2);
  ThermalNetwork net;
  const NodeId supply = net.add_boundary("plant", ts);
  const NodeId n1 = net.add_node("cold_plates", c1, t10);
  const NodeId n2 = net.add_node("manifold", c2, t20);
  const auto l_in = net.add_flow(supply, n1, m);
  net.add_flow(n1, n2, m);
  const auto l_out = net.add_flow(n2, supply, m);
  double t = 0.0;
  for (double dt : {10.0, 100.0, 1000.0, 5000.0}) {
    const double t_before = t;
    net.advance(dt);
    t += dt;
    CHECK(rel_close(net.temp_c(n1), ts + th10 * std::exp(-t / tau1), 1e-9));
    CHECK(rel_close(net.temp_c(n2), ts + a * std::exp(-t / tau1) + (th20 - a) * std::exp(-t / tau2),
                    1e-9));
    const auto integral = [&](double tau, double amp) {  // int of amp e^{-s/tau} over the step
      return amp * tau * (std::exp(-t_before / tau) - std::exp(-t / tau));
    };
    const double int_th2 = integral(tau1, a) + integral(tau2, th20 - a);
    CHECK(rel_close(net.boundary_heat_j(supply), -m * int_th2, 1e-9));
    // Enthalpy out of the supply and back into it, referred to 0 degC.
    CHECK(rel_close(net.link_energy_j(l_in), m * ts * dt, 1e-12));
    CHECK(rel_close(net.link_energy_j(l_out), m * (ts * dt + int_th2), 1e-9));
  }
}

TEST_CASE("singular A: an isolated node and a network with no boundary", "[thermal]") {
  // No path to any boundary: A is singular. An isolated node with a source rises at Q/C exactly.
  ThermalNetwork net;
  const double c = 5e5, q = 1e4;
  const NodeId lone = net.add_node("isolated", c, 20.0);
  net.add_source(lone, q);
  // Two nodes joined only to each other: the mean rises at Q/(C1 + C2), the difference decays.
  const double c1 = 1e5, c2 = 3e5, g = 50.0;
  const NodeId p = net.add_node("p", c1, 10.0);
  const NodeId r = net.add_node("r", c2, 30.0);
  net.add_conductance(p, r, g);
  net.add_source(p, q);
  double t = 0.0;
  for (double dt : {1.0, 3600.0, 86400.0, 3.15e7}) {
    net.advance(dt);
    t += dt;
    CHECK(rel_close(net.temp_c(lone), 20.0 + q * t / c, 1e-12));
    const double mean = (c1 * 10.0 + c2 * 30.0 + q * t) / (c1 + c2);
    CHECK(rel_close((c1 * net.temp_c(p) + c2 * net.temp_c(r)) / (c1 + c2), mean, 1e-12));
    CHECK(rel_close(net.stored_energy_change_j(), 2.0 * q * dt, 1e-9));
  }
  // Difference: d' = -g (1/c1 + 1/c2) d + q / c1, steady d = q / (c1 g (1/c1 + 1/c2)).
  const double k = g * (1.0 / c1 + 1.0 / c2);
  CHECK(rel_close(net.temp_c(p) - net.temp_c(r), q / c1 / k, 1e-9));
}

TEST_CASE("energy is conserved over 1000 random steps of a random network", "[thermal]") {
  std::mt19937_64 rng(2025);
  RandomNet r(rng(), 20, 3, 8);
  ThermalNetwork& net = r.net;
  const std::vector<double> usual = {60.0, 300.0, 900.0, 3600.0};
  double sum_change = 0.0, sum_in = 0.0, gross = 0.0;
  for (int step = 0; step < 1000; ++step) {
    for (NodeId b : r.boundaries) net.set_temp(b, 40.0 * uniform(rng) - 5.0);
    for (int s : r.sources) net.set_source(s, 2e5 * uniform(rng));
    if (step % 100 == 50)
      net.set_conductance(r.conductances[rng() % r.conductances.size()],
                          log_uniform(rng, 1.0, 1e4));
    const double dt = uniform(rng) < 0.5 ? usual[rng() % usual.size()] : log_uniform(rng, 0.1, 1e6);
    std::vector<double> before(net.node_count());
    for (NodeId i = 0; i < static_cast<NodeId>(net.node_count()); ++i) before[i] = net.temp_c(i);
    net.advance(dt);

    double bnd = 0.0, bnd_abs = 0.0;
    for (NodeId b : r.boundaries) {
      bnd += net.boundary_heat_j(b);
      bnd_abs += std::abs(net.boundary_heat_j(b));
    }
    const double src = net.total_source_energy_j(), change = net.stored_energy_change_j();
    const double scale = std::abs(src) + bnd_abs + std::abs(change);
    REQUIRE(std::abs(change - (src + bnd)) <= 1e-9 * scale);
    CHECK(bnd == Approx(net.total_boundary_heat_j()).epsilon(1e-12));
    sum_change += change;
    sum_in += src + bnd;
    gross += scale;

    if (step % 10 == 0) {
      // Node balances from the link energies: C dT = conduction in + enthalpy in - out + sources,
      // and each boundary's heat is the sum over its links to nodes.
      const auto nn = net.node_count();
      // Tolerance scale: the gross heat each link would carry at its endpoints' temperatures
      // (conduction is a difference of two integrals of about |T| dt each).
      std::vector<double> net_in(nn, 0.0), abs_in(nn, 0.0);
      const auto add = [&](NodeId v, double e, double gross) {
        net_in[v] += e;
        abs_in[v] += std::abs(e) + gross;
      };
      for (int l = 0; l < static_cast<int>(net.link_count()); ++l) {
        const auto& link = net.link(l);
        const double e = net.link_energy_j(l);
        const double gross =
            link.coef_w_per_k * dt * (std::abs(before[link.a]) + std::abs(before[link.b]));
        if (!(net.is_boundary(link.a) && net.is_boundary(link.b))) {
          add(link.b, e, gross);
          add(link.a, -e, gross);
        }
      }
      for (int s : r.sources) add(net.source_node(s), net.source_energy_j(s), 0.0);
      for (NodeId v = 0; v < static_cast<NodeId>(nn); ++v) {
        if (net.is_boundary(v)) {
          // The boundary gave what its links carried away from it.
          CHECK(std::abs(-net_in[v] - net.boundary_heat_j(v)) <= 1e-9 * abs_in[v]);
        } else {
          const double stored = net.capacity_j_per_k(v) * (net.temp_c(v) - before[v]);
          CHECK(std::abs(stored - net_in[v]) <= 1e-9 * (abs_in[v] + std::abs(stored)));
        }
      }
    }
  }
  CHECK(std::abs(sum_change - sum_in) <= 1e-9 * gross);
}

TEST_CASE("a cached step gives the same answer as an uncached one", "[thermal]") {
  RandomNet cached(99, 15, 2, 4), uncached(99, 15, 2, 0);
  std::mt19937_64 rng(5);
  const std::vector<double> dts = {60.0, 900.0, 3600.0, 17.5, 86400.0, 0.25};
  for (int step = 0; step < 200; ++step) {
    const double dt = dts[rng() % dts.size()];
    const double tb = 40.0 * uniform(rng);
    const double q = 1e5 * uniform(rng);
    for (RandomNet* r : {&cached, &uncached}) {
      r->net.set_temp(r->boundaries[1], tb);
      r->net.set_source(r->sources[0], q);
      r->net.advance(dt);
    }
    for (NodeId v = 0; v < static_cast<NodeId>(cached.net.node_count()); ++v) {
      REQUIRE(cached.net.temp_c(v) == uncached.net.temp_c(v));
    }
    REQUIRE(cached.net.total_boundary_heat_j() == uncached.net.total_boundary_heat_j());
  }
}

TEST_CASE("sources and boundaries keep the cached step, a conductance change does not",
          "[thermal]") {
  // Same dt before and after the change: the second step must use the new tau = C / G.
  const double c = 1e6;
  ThermalNetwork net;
  const NodeId node = net.add_node("n", c, 60.0);
  const NodeId amb = net.add_boundary("amb", 20.0);
  const auto link = net.add_conductance(node, amb, 1e3);
  const auto src = net.add_source(node, 0.0);
  net.advance(500.0);
  const double t1 = 20.0 + 40.0 * std::exp(-500.0 / 1000.0);
  CHECK(rel_close(net.temp_c(node), t1, 1e-12));
  net.set_temp(amb, 10.0);  // boundary temperatures and sources change only b: cache kept
  net.set_source(src, 1e3);
  net.set_temp(node, t1);
  net.advance(500.0);
  CHECK(net.step_operators_computed() == 1);
  // Steady state 10 + Q/G = 11 degC.
  const double t2 = 11.0 + (t1 - 11.0) * std::exp(-500.0 / 1000.0);
  CHECK(rel_close(net.temp_c(node), t2, 1e-12));
  net.set_conductance(link, 4e3);
  net.advance(500.0);
  CHECK(net.step_operators_computed() == 2);
  CHECK(rel_close(net.temp_c(node), 10.25 + (t2 - 10.25) * std::exp(-500.0 / 250.0), 1e-12));
}

TEST_CASE("a mass-balance violation is reported with the node's name", "[thermal]") {
  ThermalNetwork net;
  const NodeId supply = net.add_boundary("supply", 18.0);
  const NodeId coil = net.add_node("crah_coil", 1e5, 25.0);
  net.add_flow(supply, coil, 2000.0);
  const auto back = net.add_flow(coil, supply, 1500.0);
  CHECK_THROWS_WITH(net.check(), Catch::Matchers::Contains("crah_coil"));
  CHECK_THROWS_AS(net.advance(60.0), dcsim::ParameterError);
  net.set_flow(back, 2000.0 * (1.0 + 1e-12));  // within 1e-9 relative
  CHECK_NOTHROW(net.check());
  CHECK_NOTHROW(net.advance(60.0));
}

TEST_CASE("parameters are validated and echoed", "[thermal]") {
  ThermalNetwork net;
  CHECK_THROWS_WITH(net.add_node("x", -3.0, 20.0), Catch::Matchers::Contains("-3"));
  const NodeId a = net.add_node("a", 1.0, 20.0);
  const NodeId b = net.add_boundary("b", 20.0);
  CHECK_THROWS_AS(net.add_conductance(a, b, -1.0), dcsim::ParameterError);
  CHECK_THROWS_AS(net.add_flow(a, a, 1.0), dcsim::ParameterError);
  CHECK_THROWS_AS(net.add_source(b, 1.0), dcsim::ParameterError);
  CHECK_THROWS_AS(net.advance(0.0), dcsim::ParameterError);
}

TEST_CASE("threshold crossings of one node against the analytic times", "[thermal][crossing]") {
  const double c = 1e6, g = 1e3, tau = c / g;  // 1000 s
  ThermalNetwork net;
  const NodeId node = net.add_node("n", c, 80.0);
  const NodeId amb = net.add_boundary("amb", 20.0);
  net.add_conductance(node, amb, g);
  const auto src = net.add_source(node, 0.0);

  // Cooling down from 80 towards 20 crosses 50 at tau ln(60/30).
  const double down = tau * std::log(60.0 / 30.0);
  auto t = net.first_crossing(node, 50.0, 86400.0);
  REQUIRE(t);
  CHECK(*t >= down);
  CHECK(*t <= down + 1.0);
  // Not before the horizon; found when the horizon is just past it; never for 15 degC.
  CHECK_FALSE(net.first_crossing(node, 50.0, down - 2.0));
  CHECK(net.first_crossing(node, 50.0, down + 0.5));
  CHECK_FALSE(net.first_crossing(node, 15.0, 3.15e7));

  // Heating: Q = 50 kW gives a steady 70 degC; from 20 degC, 60 is reached at tau ln(50/10).
  net.set_temp(node, 20.0);
  net.set_source(src, 5e4);
  const double up = tau * std::log(50.0 / 10.0);
  t = net.first_crossing(node, 60.0, 3.15e7);
  REQUIRE(t);
  CHECK(*t >= up);
  CHECK(*t <= up + 1.0);
  CHECK_FALSE(net.first_crossing(node, 75.0, 3.15e7));  // beyond the asymptote

  // Singular: an isolated node heated at Q/C = 1e-3 K/s reaches 30 degC from 20 after 1e4 s.
  ThermalNetwork lone;
  const NodeId l = lone.add_node("lone", 1e6, 20.0);
  lone.add_source(l, 1e3);
  t = lone.first_crossing(l, 30.0, 3.15e7);
  REQUIRE(t);
  CHECK(*t == Approx(1e4).margin(1.0));
}

TEST_CASE("crossings of a rising-then-falling node and of a mix of nodes", "[thermal][crossing]") {
  // The two-node loop of the advective test: theta2 starts at 0, rises, then decays.
  const double c1 = 3e5, c2 = 1e6, m = 418.0, ts = 18.0;
  const double tau1 = c1 / m, tau2 = c2 / m, th10 = 40.0;
  const double a = th10 * tau1 / (tau1 - tau2);
  const auto t2 = [&](double t) { return ts + a * (std::exp(-t / tau1) - std::exp(-t / tau2)); };
  const double peak = std::log(tau1 / tau2) / (1.0 / tau2 - 1.0 / tau1);
  ThermalNetwork net;
  const NodeId supply = net.add_boundary("plant", ts);
  const NodeId n1 = net.add_node("n1", c1, ts + th10);
  const NodeId n2 = net.add_node("n2", c2, ts);
  net.add_flow(supply, n1, m);
  net.add_flow(n1, n2, m);
  net.add_flow(n2, supply, m);
  const double level = 0.5 * (ts + t2(peak));
  const double up = root([&](double t) { return t2(t) - level; }, 0.0, peak);
  const double down = root([&](double t) { return t2(t) - level; }, peak, 100.0 * tau2);
  auto t = net.first_crossing(n2, level, 1e6);
  REQUIRE(t);
  CHECK(*t == Approx(up).margin(1.0));
  net.advance(peak);
  t = net.first_crossing(n2, level, 1e6);
  REQUIRE(t);
  CHECK(*t == Approx(down - peak).margin(1.0));              // crossing downward
  CHECK_FALSE(net.first_crossing(n2, t2(peak) + 0.1, 1e6));  // already past the peak

  // Mixed inlet 0.3 T_fast + 0.7 T_slow + 1 K of two nodes relaxing from 40 to 10 degC with
  // tau 100 s and 1e5 s; stiff on purpose, horizon a year.
  ThermalNetwork mix;
  const NodeId amb = mix.add_boundary("amb", 10.0);
  const NodeId fast = mix.add_node("fast", 1e4, 40.0);
  const NodeId slow = mix.add_node("slow", 1e8, 40.0);
  mix.add_conductance(fast, amb, 100.0);
  mix.add_conductance(slow, amb, 1000.0);
  const auto f = [](double t) {
    return 0.3 * (10.0 + 30.0 * std::exp(-t / 100.0)) + 0.7 * (10.0 + 30.0 * std::exp(-t / 1e5)) +
           1.0;
  };
  const std::vector<ThermalNetwork::Term> terms = {{fast, 0.3}, {slow, 0.7}, {amb, 0.0}};
  for (double limit : {35.0, 25.0}) {
    const double exact = root([&](double t) { return f(t) - limit; }, 0.0, 3.15e7);
    t = mix.first_crossing(terms, 1.0, limit, 3.15e7);
    REQUIRE(t);
    CHECK(*t >= exact);
    CHECK(*t <= exact + 1.0);
  }
}

TEST_CASE("crossings of the stiff two-node network over a year", "[thermal][crossing]") {
  const double c1 = 100.0, c2 = 1e9, g12 = 1000.0, g1a = 1000.0;  // tau 0.05 s and 23 days
  ThermalNetwork net;
  const NodeId n1 = net.add_node("a", c1, 45.0);
  const NodeId n2 = net.add_node("b", c2, 5.0);
  const NodeId amb = net.add_boundary("ambient", 15.0);
  net.add_conductance(n1, n2, g12);
  net.add_conductance(n1, amb, g1a);
  const TwoNode exact(c1, c2, g12, g1a, 15.0, 45.0, 5.0);
  // Node 1 drops within a fraction of a second to about 10 degC, then creeps to 15 over weeks.
  const double fast = root([&](double t) { return exact.t1(t) - 20.0; }, 0.0, 10.0);
  auto t = net.first_crossing(n1, 20.0, 3.15e7);
  REQUIRE(t);
  CHECK(*t == Approx(fast).margin(1.0));
  const double slow = root([&](double t) { return exact.t2(t) - 14.0; }, 0.0, 3.15e7);
  t = net.first_crossing(n2, 14.0, 3.15e7);
  REQUIRE(t);
  CHECK(*t >= slow);
  CHECK(*t <= slow + 1.0);
}

TEST_CASE("crossing of a pulse circulating in an advective loop", "[thermal][crossing]") {
  // Twelve nodes in a loop, mcp/C = 0.1 /s: a hot slug at node 0 leaves and comes back around
  // (eigenvalues 0.1 (e^{i 2 pi k/12} - 1): damped oscillation). The reference is an independent
  // dense evaluation with Eigen's matrix exponential every 0.25 s.
  const int n = 12;
  const double c = 1e4, m = 1e3;
  ThermalNetwork net;
  std::vector<NodeId> ids;
  for (int i = 0; i < n; ++i)
    ids.push_back(net.add_node(fmt::format("p{}", i), c, i == 0 ? 80.0 : 20.0));
  for (int i = 0; i < n; ++i) net.add_flow(ids[i], ids[(i + 1) % n], m);
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    a(i, i) = -m / c;
    a(i, (i + n - 1) % n) = m / c;
  }
  Eigen::VectorXd x0 = Eigen::VectorXd::Constant(n, 20.0);
  x0[0] = 80.0;
  // Node 0 falls below 30 degC within about 20 s, is near 20.6 degC at 50 s, and the slug's return
  // lifts it above 26 degC near 100 s; then it swings about the mean 25 degC (below it near 200 s,
  // above 25.2 again near 250 s).
  const auto temp0 = [&](double t) { return (Eigen::MatrixXd(a * t).exp() * x0)[0]; };
  const auto first_sample = [&](double from, double level, bool upward) {
    double t = from;
    while ((temp0(t) > level) != upward && t < from + 1000.0) t += 0.25;
    return t;
  };
  const double t_down = first_sample(0.0, 30.0, false);
  const double t_up = first_sample(50.0, 26.0, true);
  const double t_swing = first_sample(200.0, 25.2, true);
  REQUIRE(t_swing < 400.0);
  auto t = net.first_crossing(ids[0], 30.0, 1e5);
  REQUIRE(t);
  CHECK(*t == Approx(t_down).margin(1.0));
  net.advance(50.0);
  t = net.first_crossing(ids[0], 26.0, 1e5);
  REQUIRE(t);
  CHECK(*t == Approx(t_up - 50.0).margin(1.0));
  net.advance(150.0);
  t = net.first_crossing(ids[0], 25.2, 1e5);
  REQUIRE(t);
  CHECK(*t == Approx(t_swing - 200.0).margin(1.0));
  // The loop holds its energy: no boundary, no source.
  CHECK(net.stored_energy_change_j() == Approx(0.0).margin(1e-9 * c * 80.0 * n));
}

TEST_CASE("thermal network: the steady-state upper bound holds along the exact trajectory", "[thermal][bound]") {
  // T(t) <= T_ss + max_j (T0_j - T_ss,j)^+ for a Metzler A with row sums <= 0 (models/facility.cpp
  // skips crossing searches above it). Random chains with flows, conductances and sources.
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int trial = 0; trial < 50; ++trial) {
    dcsim::sim::ThermalNetwork net(0);
    const auto b = net.add_boundary("supply", 10.0 + 20.0 * u(rng));
    std::vector<dcsim::sim::NodeId> n;
    for (int i = 0; i < 5; ++i) n.push_back(net.add_node(fmt::format("n{}", i), 1e4 + 1e6 * u(rng), 60.0 * u(rng)));
    const double mcp = 100.0 + 1e4 * u(rng);
    net.add_flow(b, n[0], mcp);
    for (int i = 0; i + 1 < 5; ++i) net.add_flow(n[i], n[i + 1], mcp);
    net.add_flow(n[4], b, mcp);
    for (int i = 0; i < 5; ++i) {
      net.add_conductance(n[i], n[(i + 2) % 5], 500.0 * u(rng));
      net.add_source(n[i], 2e4 * u(rng));
    }
    double bound[5];
    for (int i = 0; i < 5; ++i) bound[i] = net.upper_bound_c(n[i]);
    for (int step = 0; step < 200; ++step) {
      net.advance(30.0 * (1.0 + u(rng)));
      for (int i = 0; i < 5; ++i) REQUIRE(net.temp_c(n[i]) <= bound[i]);
    }
  }
  // A node cut from every boundary with a source has no steady state: no bound.
  dcsim::sim::ThermalNetwork lone(0);
  const auto x = lone.add_node("x", 1e3, 20.0);
  lone.add_source(x, 100.0);
  CHECK(std::isinf(lone.upper_bound_c(x)));
  // Two nodes exchanging heat with each other only, unequal capacities, no source: the matrix is
  // singular (any equal temperature is a steady state); the bound is infinite or holds.
  dcsim::sim::ThermalNetwork pair(0);
  const auto s = pair.add_boundary("supply", 20.0);
  const auto y = pair.add_node("y", 3e4, 40.0);
  pair.add_conductance(s, y, 50.0);
  const auto p1 = pair.add_node("p1", 1e3, 30.0), p2 = pair.add_node("p2", 7e5, 60.0);
  pair.add_conductance(p1, p2, 80.0);
  const double bp1 = pair.upper_bound_c(p1), by = pair.upper_bound_c(y);
  // The same pair with a heat source has no steady state: no bound, whatever the round-off.
  dcsim::sim::ThermalNetwork heated(0);
  heated.add_node("z", 3e4, 40.0);
  const auto q1 = heated.add_node("q1", 1.3e3, 30.0), q2 = heated.add_node("q2", 7.7e5, 60.0);
  heated.add_conductance(q1, q2, 83.0);
  heated.add_source(q2, 500.0);
  CHECK(std::isinf(heated.upper_bound_c(q1)));
  for (int step = 0; step < 100; ++step) {
    pair.advance(100.0);
    CHECK(pair.temp_c(p1) <= bp1);
    CHECK(pair.temp_c(y) <= by);
  }
}

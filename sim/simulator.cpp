#include "sim/simulator.hpp"

#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace dcsim::sim {
namespace {

// Sets a flag for the lifetime of a scope, also when a handler or the hook throws.
class FlagScope {
 public:
  explicit FlagScope(bool& flag) : flag_(flag) { flag_ = true; }
  ~FlagScope() { flag_ = false; }
  FlagScope(const FlagScope&) = delete;
  FlagScope& operator=(const FlagScope&) = delete;

 private:
  bool& flag_;
};

}  // namespace

ComponentId Simulator::add_component(Component& component) {
  if (components_.size() >= std::numeric_limits<ComponentId>::max()) {
    throw std::length_error("Simulator: too many components");
  }
  components_.push_back(Entry{&component, {}});
  return static_cast<ComponentId>(components_.size() - 1);
}

EventKind Simulator::register_kind(std::string name) {
  for (std::size_t k = 0; k < kind_names_.size(); ++k) {
    if (kind_names_[k] == name) return static_cast<EventKind>(k);
  }
  if (kind_names_.size() > std::numeric_limits<EventKind>::max()) {
    throw std::length_error("Simulator: too many event kinds");
  }
  kind_names_.push_back(std::move(name));
  stats_.events_by_kind.push_back(0);
  return static_cast<EventKind>(kind_names_.size() - 1);
}

const std::string& Simulator::kind_name(EventKind kind) const {
  if (kind >= kind_names_.size()) {
    throw std::out_of_range(fmt::format("Simulator: event kind {} was never registered", kind));
  }
  return kind_names_[kind];
}

void Simulator::check_target(ComponentId id, EventKind kind, const char* what) const {
  if (in_hook_) {
    throw std::logic_error(fmt::format("Simulator::{}: the advance hook must not schedule", what));
  }
  if (id >= components_.size()) {
    throw std::out_of_range(fmt::format("Simulator::{}: unknown component {} ({} added)", what, id,
                                        components_.size()));
  }
  if (kind >= kind_names_.size()) {
    throw std::out_of_range(fmt::format("Simulator::{}: event kind {} was never registered", what,
                                        kind));
  }
}

void Simulator::schedule(ComponentId id, Time at, EventKind kind, std::uint64_t payload,
                         std::int32_t priority) {
  check_target(id, kind, "schedule");
  if (at < now_) {
    throw std::logic_error(fmt::format(
        "Simulator::schedule: component {} asked for '{}' at {} ms, before now ({} ms)", id,
        kind_names_[kind], at, now_));
  }
  EventQueue::Handle& timer = components_[id].timer;
  if (queue_.contains(timer)) {
    queue_.reschedule(timer, at, priority, kind, payload);
  } else {
    timer = queue_.push(at, priority, id, kind, payload);
  }
}

void Simulator::schedule_now(ComponentId id, EventKind kind, std::uint64_t payload) {
  check_target(id, kind, "schedule_now");
  if (ring_size_ == ring_.size()) {
    std::vector<Posted> grown(ring_.empty() ? 16 : 2 * ring_.size());
    for (std::size_t i = 0; i < ring_size_; ++i) {
      grown[i] = ring_[(ring_head_ + i) & (ring_.size() - 1)];
    }
    ring_ = std::move(grown);
    ring_head_ = 0;
  }
  ring_[(ring_head_ + ring_size_) & (ring_.size() - 1)] = Posted{payload, id, kind};
  ++ring_size_;
}

bool Simulator::cancel(ComponentId id) {
  return id < components_.size() && queue_.cancel(components_[id].timer);
}

std::optional<Time> Simulator::pending_time(ComponentId id) const {
  if (id >= components_.size() || !queue_.contains(components_[id].timer)) return std::nullopt;
  return queue_.get(components_[id].timer).time;
}

Simulator::RunOutcome Simulator::run_until(Time end) {
  if (running_) throw std::logic_error("Simulator::run_until: called from inside a handler");
  if (end < now_) {
    throw std::logic_error(
        fmt::format("Simulator::run_until: end {} ms is before now ({} ms)", end, now_));
  }
  const FlagScope running(running_);
  stop_requested_ = false;

  if (!drain_ring()) return RunOutcome::kStopped;
  while (!queue_.empty() && queue_.top_time() <= end) {
    const Event e = queue_.pop();
    // The next event's component is likely the next one dispatched: start fetching it while this
    // event runs (it matters once the components no longer fit in cache).
    if (!queue_.empty()) __builtin_prefetch(components_[queue_.top_target()].component);
    advance_to(e.time);
    dispatch(e);
    if (should_stop() || !drain_ring()) return RunOutcome::kStopped;
  }
  advance_to(end);
  return RunOutcome::kReachedEnd;
}

void Simulator::advance_to(Time t) {
  if (t <= now_) return;
  if (hook_) {
    const FlagScope in_hook(in_hook_);
    hook_(now_, t);
    ++stats_.hook_calls;
  }
  now_ = t;
}

void Simulator::dispatch(const Event& e) {
  ++stats_.events;
  ++stats_.events_by_kind[e.kind];
  components_[e.target].component->on_event(*this, e);
}

bool Simulator::drain_ring() {
  while (ring_size_ > 0) {
    const Posted p = ring_[ring_head_];
    ring_head_ = (ring_head_ + 1) & (ring_.size() - 1);
    --ring_size_;
    Event e;
    e.time = now_;
    e.seq = 0;
    e.payload = p.payload;
    e.priority = kZeroDelayPriority;
    e.target = p.target;
    e.kind = p.kind;
    ++stats_.zero_delay_events;
    dispatch(e);
    if (should_stop()) return false;
  }
  return true;
}

std::uint64_t Simulator::events_of_kind(std::string_view name) const {
  for (std::size_t k = 0; k < kind_names_.size(); ++k) {
    if (kind_names_[k] == name) return stats_.events_by_kind[k];
  }
  return 0;
}

void Simulator::reset_statistics() {
  stats_ = Statistics{};
  stats_.events_by_kind.assign(kind_names_.size(), 0);
}

}  // namespace dcsim::sim

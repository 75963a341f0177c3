// The simulation loop: owns the clock and the pending events, dispatches each event to its component.
//
// Timers. Each component has at most one pending timer, kept in an indexed heap (EventQueue):
// schedule() replaces that component's pending timer in place (earlier or later, new kind and
// payload), cancel() drops it. A component that wants several deadlines keeps them itself and
// schedules the earliest (OpenDC FlowNode, SimGrid next_occurring_event). Events at equal time run
// by priority (lower first), then in the order they were scheduled (EventQueue's seq).
//
// Zero-delay events (delta cycles). schedule_now() appends to a FIFO ring, not to the heap. While a
// run is in progress the ring is drained completely after the event being handled returns and before
// anything else: before any heap event, even one at the same time with a lower priority value. Ring
// events run at the current time, in the order they were posted, including events posted while the
// ring is being drained (so a chain of zero-delay reactions settles before time can move). They are
// independent of the component's timer (schedule_now neither replaces nor cancels it). A handler sees
// them with event.time = now(), priority = kZeroDelayPriority and seq = 0 (the queue never issues
// seq 0). Events posted outside a run are drained at the start of the next run_until, before any
// heap event. If a run stops (stop(), stop predicate) while the ring is not empty, the rest of the
// ring stays there and runs first in the next run_until, still at the same time.
//
// Continuous state. The advance hook is called as hook(from, to) just before the clock moves from
// `from` to `to > from`, so the owner can integrate continuous state exactly over [from, to] with the
// inputs that held during it. Over a run the hook's intervals are contiguous and cover [start, end].
// The hook must not schedule anything (schedule and schedule_now throw while it runs).
//
// Statistics count from construction (or reset_statistics()): events handled, in total and by kind,
// zero-delay events among them, and hook calls. Wall-clock time is not measured here.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/event_queue.hpp"
#include "sim/time.hpp"

namespace dcsim::sim {

using ComponentId = std::uint32_t;
using EventKind = std::uint16_t;

class Simulator;

// Something that receives events. Not owned by the simulator; it must outlive the runs.
class Component {
 public:
  virtual ~Component() = default;
  virtual void on_event(Simulator& sim, const Event& event) = 0;
};

class Simulator {
 public:
  using AdvanceHook = std::function<void(Time from, Time to)>;
  using StopPredicate = std::function<bool(const Simulator&)>;
  enum class RunOutcome { kReachedEnd, kStopped };
  static constexpr std::int32_t kZeroDelayPriority = std::numeric_limits<std::int32_t>::min();

  struct Statistics {
    std::uint64_t events = 0;             // handled, zero-delay ones included
    std::uint64_t zero_delay_events = 0;  // handled from the ring
    std::uint64_t hook_calls = 0;
    std::vector<std::uint64_t> events_by_kind;  // indexed by EventKind
  };

  explicit Simulator(Time start = 0) : now_(start) {}
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  Time now() const { return now_; }

  ComponentId add_component(Component& component);
  std::size_t component_count() const { return components_.size(); }

  // Registering a name twice returns the same kind.
  EventKind register_kind(std::string name);
  const std::string& kind_name(EventKind kind) const;
  std::size_t kind_count() const { return kind_names_.size(); }

  // Sets (or replaces in place) the component's timer. Throws std::logic_error if at < now(), and
  // std::out_of_range for an unknown component or kind.
  void schedule(ComponentId id, Time at, EventKind kind, std::uint64_t payload = 0,
                std::int32_t priority = 0);
  // Posts a zero-delay event to the ring (see the top of this file).
  void schedule_now(ComponentId id, EventKind kind, std::uint64_t payload = 0);
  // Drops the component's pending timer; false if it had none.
  bool cancel(ComponentId id);
  std::optional<Time> pending_time(ComponentId id) const;

  void set_advance_hook(AdvanceHook hook) { hook_ = std::move(hook); }
  // Checked after each handled event; returning true ends the run there (kStopped).
  void set_stop_predicate(StopPredicate predicate) { stop_predicate_ = std::move(predicate); }

  // Handles every event with time <= end in order, then advances the clock to `end`. Returns
  // kStopped, with the clock left at the last event's time, if stop() or the stop predicate ended
  // the run first. Throws std::logic_error if end < now() or if called from inside a handler.
  RunOutcome run_until(Time end);
  // From inside a handler: the run ends after the current event. Outside a run it has no effect.
  void stop() { stop_requested_ = true; }

  const Statistics& statistics() const { return stats_; }
  // Events handled of the kind registered under `name` (0 for a name never registered).
  std::uint64_t events_of_kind(std::string_view name) const;
  void reset_statistics();

 private:
  struct Posted {
    std::uint64_t payload;
    ComponentId target;
    EventKind kind;
  };

  void check_target(ComponentId id, EventKind kind, const char* what) const;
  void advance_to(Time t);
  void dispatch(const Event& e);
  bool should_stop() const { return stop_requested_ || (stop_predicate_ && stop_predicate_(*this)); }
  // Runs ring events until the ring is empty; false if the run must stop.
  bool drain_ring();

  Time now_;
  EventQueue queue_;
  // A component and its timer side by side: dispatch and reschedule touch one cache line.
  struct Entry {
    Component* component;
    EventQueue::Handle timer;
  };
  std::vector<Entry> components_;
  std::vector<std::string> kind_names_;
  // Zero-delay FIFO: a ring over a power-of-two buffer, grown by doubling.
  std::vector<Posted> ring_;
  std::size_t ring_head_ = 0;
  std::size_t ring_size_ = 0;
  AdvanceHook hook_;
  StopPredicate stop_predicate_;
  Statistics stats_;
  bool running_ = false;
  bool in_hook_ = false;
  bool stop_requested_ = false;
};

}  // namespace dcsim::sim

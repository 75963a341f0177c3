#include "sim/event_queue.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

namespace dcsim::sim {

EventQueue::Handle EventQueue::push(Time time, std::int32_t priority, std::uint32_t target,
                                    std::uint16_t kind, std::uint64_t payload) {
  std::uint32_t slot;
  if (free_.empty()) {
    if (slots_.size() >= kFree) throw std::length_error("EventQueue: too many pending events");
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.emplace_back();
  } else {
    slot = free_.back();
    free_.pop_back();
  }
  Slot& s = slots_[slot];
  s.payload = payload;
  s.target = target;
  s.kind = kind;
  heap_.emplace_back();
  sift_up(heap_.size() - 1, Node{time, next_seq_++, priority, slot});
  return Handle{slot, s.generation};
}

Event EventQueue::pop() {
  const Node top = heap_.front();
  const Event e = event_at(top);
  release(top.slot);
  const Node last = heap_.back();
  heap_.pop_back();
  if (!heap_.empty()) sift_down(0, last);
  return e;
}

Event EventQueue::get(Handle h) const {
  const Slot& s = checked_slot(h, "get");
  return event_at(heap_[s.pos]);
}

void EventQueue::reschedule(Handle h, Time time, std::int32_t priority) {
  const std::size_t i = checked_slot(h, "reschedule").pos;
  settle(i, Node{time, next_seq_++, priority, h.slot});
}

void EventQueue::reschedule(Handle h, Time time, std::int32_t priority, std::uint16_t kind,
                            std::uint64_t payload) {
  reschedule(h, time, priority);
  Slot& s = slots_[h.slot];
  s.kind = kind;
  s.payload = payload;
}

bool EventQueue::cancel(Handle h) {
  if (!contains(h)) return false;
  const std::size_t i = slots_[h.slot].pos;
  release(h.slot);
  remove_at(i);
  return true;
}

void EventQueue::clear() {
  for (const Node& n : heap_) release(n.slot);
  heap_.clear();
}

void EventQueue::reserve(std::size_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
  free_.reserve(n);
}

bool EventQueue::valid() const {
  std::size_t pending = 0;
  for (std::size_t i = 0; i < heap_.size(); ++i) {
    const Node& n = heap_[i];
    if (n.slot >= slots_.size() || slots_[n.slot].pos != i) return false;
    if (i > 0 && before(n, heap_[(i - 1) / kArity])) return false;
  }
  for (const Slot& s : slots_) pending += s.pos != kFree;
  return pending == heap_.size() && pending + free_.size() == slots_.size();
}

Event EventQueue::event_at(const Node& n) const {
  const Slot& s = slots_[n.slot];
  Event e;
  e.time = n.time;
  e.seq = n.seq;
  e.payload = s.payload;
  e.priority = n.priority;
  e.target = s.target;
  e.kind = s.kind;
  return e;
}

const EventQueue::Slot& EventQueue::checked_slot(Handle h, const char* what) const {
  if (!contains(h)) {
    throw std::invalid_argument(fmt::format(
        "EventQueue::{}: stale handle (slot {}, generation {}): the event was popped or cancelled",
        what, h.slot, h.generation));
  }
  return slots_[h.slot];
}

// Both sifts move a hole instead of swapping: each level costs one copy and one index update.
void EventQueue::sift_up(std::size_t i, Node n) {
  while (i > 0) {
    const std::size_t parent = (i - 1) / kArity;
    if (!before(n, heap_[parent])) break;
    place(i, heap_[parent]);
    i = parent;
  }
  place(i, n);
}

// Bottom-up (Floyd): the hole first descends along the smaller children to a leaf without
// comparing against n, then n rises from there. A node sifted down (usually the former last
// element) belongs near the bottom, so this saves most of the comparisons against it.
void EventQueue::sift_down(std::size_t i, Node n) {
  const std::size_t size = heap_.size();
  for (;;) {
    const std::size_t first = kArity * i + 1;
    if (first >= size) break;
    const std::size_t last = std::min(first + kArity, size);
    std::size_t best = first;
    for (std::size_t c = first + 1; c < last; ++c) {
      if (before(heap_[c], heap_[best])) best = c;
    }
    place(i, heap_[best]);
    i = best;
  }
  sift_up(i, n);
}

void EventQueue::settle(std::size_t i, const Node& n) {
  if (i > 0 && before(n, heap_[(i - 1) / kArity])) {
    sift_up(i, n);
  } else {
    sift_down(i, n);
  }
}

void EventQueue::release(std::uint32_t slot) {
  Slot& s = slots_[slot];
  s.pos = kFree;
  ++s.generation;  // wraps after 2^32 reuses of one slot; no handle lives that long
  free_.push_back(slot);
}

void EventQueue::remove_at(std::size_t i) {
  const Node last = heap_.back();
  heap_.pop_back();
  if (i < heap_.size()) settle(i, last);
}

}  // namespace dcsim::sim

#include "sim/recorder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

namespace dcsim::sim {

namespace {
constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();

bool valid_name(std::string_view name) {
  if (name.empty() || name == "." || name == "..") return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '.' || c == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

ChannelId Recorder::add_channel(std::string name, std::string units, std::string description) {
  if (!times_s_.empty()) {
    throw std::logic_error(fmt::format("recorder: channel '{}' added after {} rows were recorded",
                                       name, times_s_.size()));
  }
  if (!valid_name(name) || name == "time_s") {
    throw std::invalid_argument(fmt::format(
        "recorder: channel name '{}' must be letters, digits, '_', '.', '-' and not 'time_s'", name));
  }
  if (find(name)) throw std::invalid_argument(fmt::format("recorder: duplicate channel '{}'", name));
  if (units.empty() || description.empty()) {
    throw std::invalid_argument(fmt::format(
        "recorder: channel '{}' needs units (\"1\" if dimensionless) and a description", name));
  }
  channels_.push_back({std::move(name), std::move(units), std::move(description)});
  columns_.emplace_back().reserve(reserved_rows_);
  pending_.push_back(kUnset);
  return channels_.size() - 1;
}

void Recorder::check_time(double time_s) const {
  if (!std::isfinite(time_s)) {
    throw std::invalid_argument(fmt::format("recorder: sample time must be finite (got {})", time_s));
  }
  if (!(time_s > last_time_s_)) {
    throw std::invalid_argument(fmt::format(
        "recorder: sample time {} s does not follow the previous one ({} s)", time_s, last_time_s_));
  }
}

void Recorder::record(double time_s, std::span<const double> values) {
  if (values.size() != channels_.size()) {
    throw std::invalid_argument(fmt::format("recorder: row of {} values for {} channels",
                                            values.size(), channels_.size()));
  }
  check_time(time_s);
  last_time_s_ = time_s;
  if (!keep_rows_) return;
  times_s_.push_back(time_s);
  for (std::size_t i = 0; i < values.size(); ++i) columns_[i].push_back(values[i]);
}

void Recorder::discard_rows() {
  keep_rows_ = false;
  reserved_rows_ = 0;
  times_s_.clear();
  times_s_.shrink_to_fit();
  for (auto& c : columns_) {
    c.clear();
    c.shrink_to_fit();
  }
}

void Recorder::set(ChannelId id, double value) {
  if (id >= pending_.size()) {
    throw std::out_of_range(fmt::format("recorder: no channel {} (have {})", id, pending_.size()));
  }
  pending_[id] = value;
}

void Recorder::commit_row(double time_s) {
  record(time_s, pending_);
  std::fill(pending_.begin(), pending_.end(), kUnset);
}

void Recorder::reserve(std::size_t rows) {
  if (!keep_rows_) return;
  reserved_rows_ = rows;
  times_s_.reserve(rows);
  for (auto& c : columns_) c.reserve(rows);
}

void Recorder::log_event(double time_s, std::string kind, std::string component, std::string detail) {
  if (!std::isfinite(time_s)) {
    throw std::invalid_argument(fmt::format("recorder: event time must be finite (got {})", time_s));
  }
  if (kind.empty()) throw std::invalid_argument("recorder: event kind must not be empty");
  events_.push_back({time_s, std::move(kind), std::move(component), std::move(detail)});
}

std::optional<ChannelId> Recorder::find(std::string_view name) const {
  for (std::size_t i = 0; i < channels_.size(); ++i) {
    if (channels_[i].name == name) return i;
  }
  return std::nullopt;
}

std::span<const double> Recorder::column(ChannelId id) const {
  if (id >= columns_.size()) {
    throw std::out_of_range(fmt::format("recorder: no channel {} (have {})", id, columns_.size()));
  }
  return columns_[id];
}

}  // namespace dcsim::sim

// Recorder: the in-memory store of a run's time series and events log. No I/O: the output layer
// writes it (output/run_file.hpp). Channels are registered once, before the first row, with their
// units and a description; each sample time appends one row holding a value for every channel.
// Storage is column-major (one vector per channel), which is what a writer of one dataset per
// channel wants; a year at one-minute recording of 30 channels takes 126 MB.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dcsim::sim {

using ChannelId = std::size_t;

struct Channel {
  std::string name;         // dataset name: [A-Za-z0-9_.-]+, not "time_s"
  std::string units;        // e.g. "W", "degC", "kg/s"; "1" for dimensionless quantities and flags
  std::string description;  // one line for a person reading the file
};

struct RecordedEvent {
  double time_s = 0.0;    // seconds since period start
  std::string kind;       // "failure", "repair", "mode_change", "threshold", ...
  std::string component;  // "chiller[1]", "rack_group.gpu", ...
  std::string detail;     // free text for a person
};

class Recorder {
 public:
  // Throws std::invalid_argument on a bad or duplicate name, empty units or description, and
  // std::logic_error once rows have been recorded (every column must have the same length).
  ChannelId add_channel(std::string name, std::string units, std::string description);

  // Appends one row. values[i] belongs to channel i; time must increase strictly from row to row.
  void record(double time_s, std::span<const double> values);
  // Alternative: set some channels, then commit the row; channels not set since the last commit
  // hold NaN in that row.
  void set(ChannelId id, double value);
  void commit_row(double time_s);

  // Reserves room for this many rows in every channel, present and future (none when discarding).
  void reserve(std::size_t rows);
  // From now on rows are checked (times rising, row length) but not kept: a run whose time series
  // nobody reads (a sweep case with summaries only) holds no columns. Events are kept.
  void discard_rows();
  bool keeps_rows() const { return keep_rows_; }
  void log_event(double time_s, std::string kind, std::string component, std::string detail);

  std::size_t channel_count() const { return channels_.size(); }
  std::size_t row_count() const { return times_s_.size(); }
  const std::vector<Channel>& channels() const { return channels_; }
  std::optional<ChannelId> find(std::string_view name) const;
  const std::vector<double>& times_s() const { return times_s_; }
  std::span<const double> column(ChannelId id) const;
  const std::vector<RecordedEvent>& events() const { return events_; }

 private:
  void check_time(double time_s) const;

  std::vector<Channel> channels_;
  std::vector<double> times_s_;
  std::vector<std::vector<double>> columns_;
  std::vector<double> pending_;  // the row being assembled by set()
  std::vector<RecordedEvent> events_;
  std::size_t reserved_rows_ = 0;
  bool keep_rows_ = true;
  double last_time_s_ = -std::numeric_limits<double>::infinity();  // of the last row, kept or not
};

}  // namespace dcsim::sim

#include "output/run_file.hpp"

#include <chrono>
#include <ctime>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "output/atomic_file.hpp"
#include "sim/time.hpp"
#include "sim/version.hpp"

namespace dcsim::output {

namespace {

std::string now_utc() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void check_name(const std::string& name, const char* what) {
  const bool ok = !name.empty() && name.find('/') == std::string::npos && name != "." && name != "..";
  if (!ok) throw std::invalid_argument(fmt::format("run file: bad {} name '{}'", what, name));
}

void set_quantity_attrs(const H5::H5Object& obj, const std::string& units, const std::string& description) {
  h5::set_string_attr(obj, "units", units);
  h5::set_string_attr(obj, "description", description);
}

void write_summary(const H5::Group& root, const RunResults& run) {
  std::set<std::string> names;
  auto claim = [&](const std::string& name) {
    check_name(name, "summary");
    if (!names.insert(name).second) {
      throw std::invalid_argument(fmt::format("run file: summary attribute '{}' given twice", name));
    }
  };
  const H5::Group g = h5::create_group(root, "summary");
  for (const auto& m : run.summary) {
    claim(m.name);
    claim(m.name + kUnitsSuffix);
    h5::set_double_attr(g, m.name, m.value);
    h5::set_string_attr(g, m.name + kUnitsSuffix, m.units);
  }
  for (const auto& [name, text] : run.summary_text) {
    claim(name);
    h5::set_string_attr(g, name, text);
  }
}

void write_monthly(const H5::Group& root, const RunResults& run) {
  const std::size_t rows = run.monthly.empty() ? 0 : run.monthly.front().values.size();
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < rows; ++i) labels.push_back(month_label(run.period_start, static_cast<int>(i)));
  const H5::Group g = h5::create_group(root, "monthly", true);
  h5::set_string_attr(g, "period_start", sim::format_date(run.period_start));
  const H5::DataSet month = h5::write_strings(g, "month", labels);
  set_quantity_attrs(month, "", "calendar month of each row (YYYY-MM, local standard time)");
  std::set<std::string> names{"month"};
  const h5::Compression contiguous{.chunk_rows = 0, .deflate_level = 0, .shuffle = false};
  for (const auto& m : run.monthly) {
    check_name(m.name, "monthly metric");
    if (!names.insert(m.name).second) {
      throw std::invalid_argument(fmt::format("run file: monthly metric '{}' given twice", m.name));
    }
    if (m.values.size() != rows) {
      throw std::invalid_argument(fmt::format("run file: monthly metric '{}' has {} rows, '{}' has {}",
                                              m.name, m.values.size(), run.monthly.front().name, rows));
    }
    set_quantity_attrs(h5::write_doubles(g, m.name, m.values, contiguous), m.units, m.description);
  }
}

void write_timeseries(const H5::Group& root, const sim::Recorder& rec, const h5::Compression& c) {
  const H5::Group g = h5::create_group(root, "timeseries", true);
  set_quantity_attrs(h5::write_doubles(g, "time_s", rec.times_s(), c), "s",
                     "end of the recording interval the row covers, seconds since the start of the period "
                     "(means are over the interval, states are values at this time)");
  for (sim::ChannelId i = 0; i < rec.channel_count(); ++i) {
    const auto& ch = rec.channels()[i];
    set_quantity_attrs(h5::write_doubles(g, ch.name, rec.column(i), c), ch.units, ch.description);
  }
}

void write_events(const H5::Group& root, const sim::Recorder& rec, const h5::Compression& c) {
  std::vector<double> time_s;
  std::vector<std::string> kind, component, detail;
  for (const auto& e : rec.events()) {
    time_s.push_back(e.time_s);
    kind.push_back(e.kind);
    component.push_back(e.component);
    detail.push_back(e.detail);
  }
  h5::Table t;
  t.add("time_s", std::move(time_s)).add("kind", std::move(kind));
  t.add("component", std::move(component)).add("detail", std::move(detail));
  const H5::DataSet ds = h5::write_table(root, "events", t, c);
  h5::set_string_attr(ds, "description", "events log: time_s (s since period start), kind, component, detail");
}

void write_replicates(const H5::Group& root, const ReplicateTable& r) {
  if (r.seeds.empty()) return;
  h5::Table t;
  t.add("seed", std::vector<std::int64_t>(r.seeds.begin(), r.seeds.end()));
  for (std::size_t i = 0; i < r.names.size(); ++i) t.add(r.names[i], r.columns[i]);
  const H5::Group g = h5::create_group(root, "replicates");
  const H5::DataSet ds = h5::write_table(g, "table", t);
  h5::set_string_attr(ds, "description", "one row per replicate run: its seed and key figures");
  for (std::size_t i = 0; i < r.names.size(); ++i) h5::set_string_attr(ds, r.names[i] + kUnitsSuffix, r.units[i]);
}

}  // namespace

std::string month_label(const sim::CivilDate& start, int index) {
  const int m0 = start.year * 12 + (start.month - 1) + index;
  return fmt::format("{:04d}-{:02d}", m0 / 12, m0 % 12 + 1);
}

void write_provenance(const H5::H5Object& where, const std::string& created_utc) {
  h5::set_string_attr(where, "dcsim_version", kVersion);
  h5::set_string_attr(where, "git_describe", kGitDescribe);
  h5::set_string_attr(where, "created_utc", created_utc.empty() ? now_utc() : created_utc);
}

void write_run(const H5::Group& where, const RunResults& run, const sim::Recorder& recorder,
               const h5::Compression& compression) {
  write_provenance(where, run.created_utc);
  h5::set_string_attr(where, "scenario_name", run.scenario_name);
  h5::set_string_attr(where, "site", run.site);
  h5::set_uint64_attr(where, "seed", run.seed);
  h5::set_string_attr(where, "period_start", sim::format_date(run.period_start));
  h5::write_text(where, "scenario", run.scenario_yaml);
  write_summary(where, run);
  write_monthly(where, run);
  write_timeseries(where, recorder, compression);
  write_events(where, recorder, compression);
  write_replicates(where, run.replicates);
}

void write_run_file(const std::filesystem::path& path, const RunResults& run,
                    const sim::Recorder& recorder, const h5::Compression& compression) {
  // The error boundary: a full disk or an I/O error becomes a FileError naming `path`; the
  // temporary is removed by write_atomically, the previous `path` stays as it was.
  h5::file_boundary("write", path, [&] {
    write_atomically(path, [&](const std::filesystem::path& temp) {
      h5::WriteFile file(h5::create_file(temp));
      write_run(*file, run, recorder, compression);
      file.close();
    });
  });
}

H5::Group write_case(const H5::Group& sweep_root, const std::string& case_id, const RunResults& run,
                     const sim::Recorder& recorder, const h5::Compression& compression) {
  check_name(case_id, "case");
  H5::Group g = h5::create_group(sweep_root, "cases/" + case_id);
  write_run(g, run, recorder, compression);
  return g;
}

RunResults read_run(const H5::Group& where) {
  RunResults run;
  run.scenario_name = h5::string_attr(where, "scenario_name");
  run.site = h5::string_attr(where, "site");
  run.seed = h5::uint64_attr(where, "seed");
  run.created_utc = h5::string_attr(where, "created_utc");
  int hour = 0, minute = 0;
  const std::string start = h5::string_attr(where, "period_start");
  if (!sim::parse_date_time(start, run.period_start, hour, minute)) {
    throw std::runtime_error(fmt::format("run file: bad period_start '{}'", start));
  }
  run.scenario_yaml = h5::read_text(where, "scenario");

  const H5::Group summary = h5::open_group(where, "summary");
  const std::vector<std::string> names = h5::attr_names(summary);
  const std::set<std::string> all(names.begin(), names.end());
  for (const auto& name : names) {
    if (!h5::is_string_attr(summary, name)) {
      const std::string units_name = name + kUnitsSuffix;
      run.summary.push_back({name, h5::double_attr(summary, name),
                             all.count(units_name) ? h5::string_attr(summary, units_name) : ""});
    } else {
      const bool is_units = name.size() > 6 && name.ends_with(kUnitsSuffix) &&
                            all.count(name.substr(0, name.size() - 6)) &&
                            !h5::is_string_attr(summary, name.substr(0, name.size() - 6));
      if (!is_units) run.summary_text.emplace_back(name, h5::string_attr(summary, name));
    }
  }

  const H5::Group monthly = h5::open_group(where, "monthly");
  for (const auto& name : h5::member_names(monthly)) {
    if (name == "month") continue;
    const H5::DataSet ds = monthly.openDataSet(name);
    run.monthly.push_back({name, h5::string_attr(ds, "units"), h5::string_attr(ds, "description"),
                           h5::read_doubles(monthly, name)});
  }
  return run;
}

sim::Recorder read_recording(const H5::Group& where) {
  sim::Recorder rec;
  const H5::Group ts = h5::open_group(where, "timeseries");
  std::vector<std::vector<double>> columns;
  for (const auto& name : h5::member_names(ts)) {
    if (name == "time_s") continue;
    const H5::DataSet ds = ts.openDataSet(name);
    rec.add_channel(name, h5::string_attr(ds, "units"), h5::string_attr(ds, "description"));
    columns.push_back(h5::read_doubles(ts, name));
  }
  const std::vector<double> time_s = h5::read_doubles(ts, "time_s");
  rec.reserve(time_s.size());
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c].size() != time_s.size()) {
      throw std::runtime_error(fmt::format("run file: /timeseries/{} has {} rows, time_s {}",
                                           rec.channels()[c].name, columns[c].size(), time_s.size()));
    }
  }
  std::vector<double> row(columns.size());
  for (std::size_t r = 0; r < time_s.size(); ++r) {
    for (std::size_t c = 0; c < columns.size(); ++c) row[c] = columns[c][r];
    rec.record(time_s[r], row);
  }
  const h5::Table events = h5::read_table(where, "events");
  for (std::size_t i = 0; i < events.row_count(); ++i) {
    rec.log_event(events.doubles("time_s")[i], events.strings("kind")[i], events.strings("component")[i],
                  events.strings("detail")[i]);
  }
  return rec;
}

}  // namespace dcsim::output

#include "output/sweep_file.hpp"

#include "output/feasibility.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>

#include "output/atomic_file.hpp"

namespace dcsim::output {

namespace fs = std::filesystem;

namespace {

std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

std::string join_lines(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : "\n") + s;
  return out;
}

std::vector<std::string> split_lines(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    const std::size_t nl = s.find('\n', start);
    out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return out;
}

}  // namespace

std::vector<InputHash> parse_input_hashes(const std::string& lines) {
  std::vector<InputHash> out;
  for (const std::string& line : split_lines(lines)) {
    const std::size_t sep = line.find("  ");
    if (sep != std::string::npos) out.push_back({line.substr(0, sep), line.substr(sep + 2)});
  }
  return out;
}

std::string format_input_hashes(const std::vector<InputHash>& inputs) {
  std::string out;
  for (const InputHash& i : inputs) out += fmt::format("{}  {}\n", i.hash, i.path);
  return out;
}

namespace {

void write_info(const H5::H5File& file, const SweepInfo& info) {
  write_provenance(file);
  h5::set_string_attr(file, "sweep_name", info.name);
  const H5::Group s = h5::create_group(file, "sweep");
  h5::set_string_attr(s, "sweep_name", info.name);
  h5::set_string_attr(s, "description", info.description);
  h5::set_string_attr(s, "fingerprint", info.fingerprint);
  h5::set_string_attr(s, "inputs", info.inputs);
  h5::set_int64_attr(s, "case_count", info.case_count);
  h5::set_string_attr(s, "shard", info.shard);
  h5::set_int64_attr(s, "complete", 0);
  h5::set_int64_attr(s, "cases_done", 0);
  h5::write_text(s, "definition", info.definition);
  h5::write_table(s, "parameters", info.parameters);
  h5::create_group(file, "cases");
}

void write_table_into(const H5::Group& sweep, const SweepInfo& info, const std::vector<CaseRecord>& records, bool complete) {
  if (h5::exists(sweep, "table")) H5Ldelete(sweep.getId(), "table", H5P_DEFAULT);
  const SweepTable t = sweep_table(info.parameters, records);
  const H5::DataSet ds = h5::write_table(sweep, "table", t.table);
  for (const auto& [name, units] : t.metric_units) h5::set_string_attr(ds, name + kUnitsSuffix, units);
  h5::set_string_attr(ds, "description",
                      "one row per case in case order: case_id, case_index, parameters (by key path), status, error, "
                      "summary metrics (NaN where a case has none); units in <metric>_units");
  h5::set_int64_attr(sweep, "complete", complete ? 1 : 0);
  h5::set_int64_attr(sweep, "cases_done", static_cast<std::int64_t>(records.size()));
}

H5::H5File open_image(std::span<const char> image) {
  static std::atomic<unsigned> counter{0};
  H5::FileAccPropList fapl;
  fapl.setCore(1 << 20, false);
  if (H5Pset_file_image(fapl.getId(), const_cast<char*>(image.data()), image.size()) < 0) {
    throw std::runtime_error("HDF5: cannot use a case image");
  }
  const std::string name = fmt::format("dcsim-case-image-{}-{}", ::getpid(), counter++);
  return H5::H5File(name, H5F_ACC_RDONLY, H5::FileCreatPropList::DEFAULT, fapl);
}

void fsync_path(const fs::path& p, int flags) {
  const int fd = ::open(p.c_str(), flags);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

SweepTable sweep_table(const h5::Table& parameters, std::vector<CaseRecord> records) {
  std::sort(records.begin(), records.end(), [](const CaseRecord& a, const CaseRecord& b) { return a.index < b.index; });
  const std::size_t rows = parameters.row_count();
  std::vector<std::int64_t> index;
  std::vector<std::string> id, status, error;
  for (const auto& r : records) {
    if (r.index < 0 || static_cast<std::size_t>(r.index) >= rows) {
      throw std::invalid_argument(fmt::format("sweep table: case index {} outside the sweep's {} cases", r.index, rows));
    }
    index.push_back(r.index);
    id.push_back(r.id);
    // A case that ran carries its feasibility (output/feasibility.hpp); one that did not, "failed".
    status.push_back(r.ok ? to_string(status_of(r.summary)) : "failed");
    error.push_back(first_line(r.error));
  }
  SweepTable out;
  out.table.add("case_id", std::move(id)).add("case_index", index);
  for (const auto& col : parameters.columns()) {
    if (col.name == "case_index" || col.name == "case_id") continue;
    std::visit(
        [&](const auto& values) {
          std::remove_cvref_t<decltype(values)> picked;
          for (std::int64_t i : index) picked.push_back(values[static_cast<std::size_t>(i)]);
          out.table.add(col.name, std::move(picked));
        },
        col.values);
  }
  out.table.add("status", std::move(status)).add("error", std::move(error));
  std::map<std::string, std::size_t> column_of;
  std::vector<std::vector<double>> metrics;
  for (std::size_t r = 0; r < records.size(); ++r) {
    for (const auto& m : records[r].summary) {
      auto [it, fresh] = column_of.emplace(m.name, metrics.size());
      if (fresh) {
        out.metric_units.emplace_back(m.name, m.units);
        metrics.emplace_back(records.size(), std::numeric_limits<double>::quiet_NaN());
      }
      metrics[it->second][r] = m.value;
    }
  }
  for (std::size_t k = 0; k < metrics.size(); ++k) out.table.add(out.metric_units[k].first, std::move(metrics[k]));
  return out;
}

SweepInfo read_sweep_info(const H5::Group& root) {
  if (!h5::exists(root, "sweep/parameters")) throw SweepFileError("not a dcsim sweep file (no /sweep/parameters)");
  const H5::Group s = h5::open_group(root, "sweep");
  SweepInfo info;
  info.name = h5::string_attr(s, "sweep_name");
  info.description = h5::string_attr(s, "description");
  info.fingerprint = h5::string_attr(s, "fingerprint");
  if (h5::has_attr(s, "inputs")) info.inputs = h5::string_attr(s, "inputs");
  info.case_count = h5::int64_attr(s, "case_count");
  info.shard = h5::string_attr(s, "shard");
  info.definition = h5::read_text(s, "definition");
  info.parameters = h5::read_table(s, "parameters");
  // The file's own account must agree with itself: a count that is negative or unlike the
  // parameter table's rows is a damaged (or hand-edited) file.
  if (info.case_count < 0 || static_cast<std::uint64_t>(info.case_count) != info.parameters.row_count()) {
    throw SweepFileError(fmt::format("/sweep: case_count {} does not match the {} rows of /sweep/parameters", info.case_count,
                                     info.parameters.row_count()));
  }
  return info;
}

CaseRecord read_case_record(const H5::Group& g) {
  CaseRecord r;
  const std::string name = g.getObjName();
  r.id = name.substr(name.find_last_of('/') + 1);
  r.index = h5::int64_attr(g, "case_index");
  r.parameters = h5::string_attr(g, "parameters");
  if (h5::has_attr(g, "inputs")) r.inputs = h5::string_attr(g, "inputs");
  r.ok = h5::string_attr(g, "status") == "ok";
  if (!r.ok) {
    r.error = h5::string_attr(g, "error");
    return r;
  }
  const H5::Group summary = h5::open_group(g, "summary");
  for (const auto& m : split_lines(h5::string_attr(g, "summary_order"))) {
    r.summary.push_back({m, h5::double_attr(summary, m), h5::string_attr(summary, m + kUnitsSuffix)});
  }
  return r;
}

void write_case_record(const H5::Group& root, const CaseRecord& r, const RunResults* run, const sim::Recorder* recorder) {
  const H5::Group g = r.ok ? write_case(root, r.id, *run, *recorder) : h5::create_group(root, "cases/" + r.id);
  if (r.ok) {
    std::vector<std::string> order;
    for (const auto& m : r.summary) order.push_back(m.name);
    h5::set_string_attr(g, "summary_order", join_lines(order));
  } else {
    h5::set_string_attr(g, "error", r.error);
  }
  h5::set_int64_attr(g, "case_index", r.index);
  h5::set_string_attr(g, "parameters", r.parameters);
  if (!r.inputs.empty()) h5::set_string_attr(g, "inputs", r.inputs);
  h5::set_string_attr(g, "status", r.ok ? "ok" : "failed");  // last: marks the case complete
}

std::vector<char> case_image(const CaseRecord& record, const RunResults* run, const sim::Recorder* recorder) {
  static std::atomic<unsigned> counter{0};
  H5::FileAccPropList fapl;
  fapl.setCore(1 << 20, false);
  const std::string name = fmt::format("dcsim-case-out-{}-{}", ::getpid(), counter++);
  H5::H5File f(name, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, fapl);
  write_case_record(f, record, run, recorder);
  f.flush(H5F_SCOPE_GLOBAL);
  const ssize_t n = H5Fget_file_image(f.getId(), nullptr, 0);
  if (n < 0) throw std::runtime_error("HDF5: cannot get a case image");
  std::vector<char> buf(static_cast<std::size_t>(n));
  H5Fget_file_image(f.getId(), buf.data(), buf.size());
  f.close();
  return buf;
}

namespace {

// Another process holds the partial open for writing (HDF5 locks a file it writes with flock): a
// second sweep into the same output is refused before HDF5 opens it.
void refuse_if_locked(const fs::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  const bool locked = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // releases the probe's own lock
  if (locked) {
    throw SweepFileError(fmt::format("'{}' is being written by another dcsim sweep (it is locked): wait for it to end, "
                                     "or write to another file", path.string()));
  }
}

// The bytes one case may add to the file, bounded from above: its time series uncompressed,
// the event log and the metadata of its groups and attributes.
std::uintmax_t case_bytes_bound(const RunResults* run, const sim::Recorder* recorder) {
  std::uintmax_t b = 256u << 10;
  if (recorder != nullptr) {
    b += (recorder->row_count() + 1) * (recorder->channel_count() + 1) * sizeof(double);
    b += recorder->events().size() * 256;
  }
  if (run != nullptr) b += run->summary.size() * 512;
  return b;
}

}  // namespace

SweepWriter::SweepWriter(const fs::path& path, const SweepInfo& info, Mode mode) : path_(path), info_(info) {
  if (mode == Mode::create) {
    // Created exclusively: of two sweeps started into one output at once, the second stops here
    // instead of truncating the first one's partial file.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == EEXIST) {
      throw SweepFileError(fmt::format("'{}' appeared while this sweep was starting: another dcsim sweep writes into it",
                                       path.string()));
    }
    if (fd >= 0) ::close(fd);
    h5::file_boundary("write", path_, [&] {
      file_.reset(h5::create_file(path));
      write_info(*file_, info_);
      flush();
    });
    return;
  }
  refuse_if_locked(path);
  SweepInfo old;
  try {
    const h5::QuietCloses quiet;
    // Read-only first: HDF5 opening an empty or foreign file for writing may write into it.
    if (fs::file_size(path) == 0) throw SweepFileError("the file is empty");
    {
      const H5::H5File check = h5::open_file(path, false);
      old = read_sweep_info(check);
    }
    file_.reset(h5::open_file(path, true));
  } catch (const SweepFileError& e) {
    throw SweepFileError(fmt::format("cannot resume from '{}': {}; delete it to start again", path.string(), e.what()));
  } catch (const h5::Error& e) {
    throw SweepFileError(fmt::format("cannot resume from '{}': it is damaged or truncated ({}); delete it to start again",
                                     path.string(), e.cause()));
  }
  if (old.inputs != info.inputs) {
    // Name the file whose content changed: the first one recorded with another hash than now.
    std::map<std::string, std::string> now;
    for (const InputHash& i : parse_input_hashes(info.inputs)) now[i.path] = i.hash;
    std::string what = "the list of input files changed";
    for (const InputHash& was : parse_input_hashes(old.inputs)) {
      const auto it = now.find(was.path);
      if (it != now.end() && it->second == was.hash) continue;
      what = fmt::format("the input file '{}' changed since the sweep started (content hash {} then{})", was.path, was.hash,
                         it == now.end() ? ", not read now" : fmt::format(", {} now", it->second));
      break;
    }
    throw SweepFileError(fmt::format("cannot resume from '{}': {}; its finished cases ran on the old content. Restore "
                                     "the file, or delete '{}' to start again", path.string(), what, path.string()));
  }
  if (old.fingerprint != info.fingerprint || old.case_count != info.case_count) {
    throw SweepFileError(fmt::format("'{}' is a partial file of another sweep (or the sweep or its base scenario "
                                     "changed since): delete it to start again", path.string()));
  }
  if (old.shard != info.shard) {
    throw SweepFileError(fmt::format("'{}' holds shard '{}', not '{}'", path.string(), old.shard, info.shard));
  }
  try {
    const h5::QuietCloses quiet;
    const H5::Group cases = h5::open_group(*file_, "cases");
    for (const auto& id : h5::member_names(cases)) {
      const H5::Group g = h5::open_group(cases, id);
      if (h5::has_attr(g, "status")) {
        records_.push_back(read_case_record(g));
      } else {
        H5Ldelete(cases.getId(), id.c_str(), H5P_DEFAULT);  // half-written when the run stopped
      }
    }
  } catch (const h5::Error& e) {
    throw SweepFileError(fmt::format("cannot resume from '{}': it is damaged or truncated ({}); delete it to start again",
                                     path.string(), e.cause()));
  }
}

SweepWriter::~SweepWriter() = default;  // h5::WriteFile: closed unless a write failed

void SweepWriter::flush() { h5::flush_file(*file_); }

void SweepWriter::reserve(std::uintmax_t bytes) {
  // The space a case needs is reserved before HDF5 touches the file: a full disk then stops the
  // sweep between two cases, with the partial file exactly as the last finished case left it
  // (flushed and synced), instead of in the middle of HDF5's metadata.
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(path_, ec);
  try {
    reserve_space(path_, (ec ? 0 : size) + bytes, path_);
  } catch (const FileError&) {
    release_space(path_, bytes);  // what the failed reservation took
    throw;
  }
}

void SweepWriter::sync() {
  // Durable: a finished case survives a crash or a power loss, not only an exception.
  h5::file_boundary("write", path_, [&] {
    flush();
    fsync_path(path_, O_RDONLY);
  });
}

void SweepWriter::add(const CaseRecord& record, const RunResults* run, const sim::Recorder* recorder) {
  reserve(case_bytes_bound(run, recorder));
  h5::file_boundary("write", path_, [&] { write_case_record(*file_, record, run, recorder); });
  sync();
  records_.push_back(record);
}

const CaseRecord& SweepWriter::add_image(std::span<const char> image) {
  reserve(2 * image.size() + (256u << 10));
  CaseRecord r = h5::file_boundary("write", path_, [&] {
    const H5::H5File img = open_image(image);
    const H5::Group cases = h5::open_group(img, "cases");
    const std::vector<std::string> ids = h5::member_names(cases);
    if (ids.size() != 1) throw std::runtime_error("a case image must hold one case");
    CaseRecord rec = read_case_record(h5::open_group(cases, ids.front()));
    h5::copy_object(cases, rec.id, h5::open_group(*file_, "cases"), rec.id);
    return rec;
  });
  sync();
  records_.push_back(std::move(r));
  return records_.back();
}

void SweepWriter::finish(bool complete) {
  h5::file_boundary("write", path_, [&] {
    write_table_into(h5::open_group(*file_, "sweep"), info_, records_, complete);
    flush();
    file_.close();
  });
  release_space(path_, 0);  // the reservation beyond the file's end
}

void commit_sweep_file(const fs::path& partial, const fs::path& target) {
  fsync_path(partial, O_RDONLY);
  std::error_code ec;
  fs::rename(partial, target, ec);
  if (ec) throw FileError(fmt::format("cannot rename '{}' to '{}': {}", partial.string(), target.string(), ec.message()));
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fsync_path(dir, O_RDONLY | O_DIRECTORY);
}

void merge_sweep_files(const std::vector<fs::path>& shards, const fs::path& out) {
  if (shards.empty()) throw SweepFileError("merge needs at least one shard file");
  std::vector<H5::H5File> files;
  SweepInfo info;
  std::map<std::int64_t, std::pair<std::size_t, CaseRecord>> by_index;  // index -> (file, record)
  for (std::size_t k = 0; k < shards.size(); ++k) {
    const fs::path& p = shards[k];
    if (!fs::exists(p)) throw SweepFileError(fmt::format("{}: file not found", p.string()));
    try {
      files.push_back(h5::open_file(p));
    } catch (const h5::Error& e) {
      throw SweepFileError(fmt::format("{}: not an HDF5 file, or a damaged one ({})", p.string(), e.cause()));
    }
    SweepInfo i;
    try {
      i = read_sweep_info(files.back());
    } catch (const SweepFileError& e) {
      throw SweepFileError(fmt::format("{}: {}", p.string(), e.what()));
    } catch (const h5::Error& e) {
      throw SweepFileError(fmt::format("{}: not a readable dcsim sweep file ({})", p.string(), e.cause()));
    }
    if (k == 0) {
      info = i;
    } else if (i.fingerprint != info.fingerprint || i.case_count != info.case_count) {
      throw SweepFileError(fmt::format("{} is of another sweep than {} (fingerprint {} vs {})", p.string(),
                                       shards[0].string(), i.fingerprint, info.fingerprint));
    }
    if (h5::int64_attr(h5::open_group(files.back(), "sweep"), "complete") != 1) {
      throw SweepFileError(fmt::format("{}: shard {} is not complete (run it again with --resume)", p.string(), i.shard));
    }
    const H5::Group cases = h5::open_group(files.back(), "cases");
    for (const auto& id : h5::member_names(cases)) {
      CaseRecord r;
      try {
        r = read_case_record(h5::open_group(cases, id));
      } catch (const h5::Error& e) {
        throw SweepFileError(fmt::format("{}: case {} cannot be read ({})", p.string(), id, e.cause()));
      }
      const std::int64_t index = r.index;
      if (index < 0 || index >= info.case_count) {
        throw SweepFileError(fmt::format("{}: case {} has index {}, outside the sweep's {} cases", p.string(), id, index,
                                         info.case_count));
      }
      auto [it, fresh] = by_index.emplace(index, std::make_pair(k, std::move(r)));
      if (!fresh) {
        throw SweepFileError(fmt::format("case {} is in both {} and {}", id, shards[it->second.first].string(), p.string()));
      }
    }
  }
  std::vector<std::string> missing;
  const auto& ids = info.parameters.strings("case_id");
  for (std::int64_t i = 0; i < info.case_count; ++i) {
    if (!by_index.count(i)) missing.push_back(ids[static_cast<std::size_t>(i)]);
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 10; ++i) list += (i ? ", " : "") + missing[i];
    throw SweepFileError(fmt::format("{} of {} cases are in none of the shards: {}{}", missing.size(), info.case_count,
                                     list, missing.size() > 10 ? ", ..." : ""));
  }
  info.shard.clear();
  h5::file_boundary("write", out, [&] {
    write_atomically(out, [&](const fs::path& temp) {
      h5::WriteFile file(h5::create_file(temp));
      // HDF5 1.10 crashes (SIGSEGV in H5Ocopy) when the disk fills during an object copy: reserve
      // the space first, the shards' total size plus a margin, so a full disk is refused here.
      std::uintmax_t bytes = 1u << 20;
      for (const auto& p : shards) bytes += fs::file_size(p) + fs::file_size(p) / 10;
      reserve_space(temp, bytes, out);
      const H5::H5File& f = *file;
      write_info(f, info);
      const H5::Group to = h5::open_group(f, "cases");
      std::vector<CaseRecord> records;
      for (auto& [index, entry] : by_index) {
        h5::copy_object(h5::open_group(files[entry.first], "cases"), entry.second.id, to, entry.second.id);
        h5::flush_file(f);  // a full disk fails here, case by case, not at the close
        records.push_back(std::move(entry.second));
      }
      write_table_into(h5::open_group(f, "sweep"), info, records, true);
      file.close();
      release_space(temp, bytes);
    });
  });
}

}  // namespace dcsim::output

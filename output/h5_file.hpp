// Thin helpers over the HDF5 C++ API, shared by the run writer, the sweep writer and the merge.
// - Files, groups (intermediate groups created), scalar attributes (UTF-8 variable-length strings,
//   float64, int64, uint64), 1-D float64/int64 datasets, a scalar text dataset, a compound table.
// - Numeric datasets are chunked along their one axis with optional byte shuffle and deflate
//   (zlib).
// - Compound tables store strings as fixed-length, NUL-padded UTF-8 bytes, one width per column
//   (the longest value), so that h5py returns a plain numpy record array and
//   `pd.DataFrame(f["sweep/table"][()])` works; strings arrive there as bytes. Tables written by
//   other tools with variable-length strings are read back too.
// - HDF5's own error printing is switched off; every failure becomes h5::Error (a
//   std::runtime_error) naming the file and object path and carrying HDF5's innermost error message
//   and the cause (the errno text of a failed system call, e.g. "No space left on device").
// - file_boundary() is the error boundary of a whole HDF5 call path (a run file, a sweep file, a
//   merge): any HDF5 failure inside becomes an output::FileError naming the file and the cause, which
//   dcsim reports with exit status 1.
// - The C library is built thread-safe on Debian, but HDF5 serializes every call: write from one
//   thread (sweep workers hand results to a single writer).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <H5Cpp.h>
#include <fmt/format.h>

#include "output/atomic_file.hpp"

namespace dcsim::output::h5 {

// An HDF5 failure: what() names the operation, file and object; cause() is what went wrong.
class Error : public std::runtime_error {
 public:
  Error(const std::string& what, std::string cause, std::string operation)
      : std::runtime_error(what), cause_(std::move(cause)), operation_(std::move(operation)) {}
  const std::string& cause() const { return cause_; }
  const std::string& operation() const { return operation_; }  // "cannot write dataset F:/a/b"

 private:
  std::string cause_, operation_;
};

// The cause of the HDF5 failure `e` just caught on this thread (see Error::cause()).
std::string last_cause(const H5::Exception& e);

// While alive, std::cerr prints nothing: the HDF5 C++ destructors print there when a close fails
// during unwinding (a full disk), after the error has already been reported.
class QuietCloses {
 public:
  QuietCloses();
  ~QuietCloses();
  QuietCloses(const QuietCloses&) = delete;
  QuietCloses& operator=(const QuietCloses&) = delete;

 private:
  std::streambuf* saved_;
};

// True once a write through file_boundary failed in this process. HDF5 1.10 then holds a file whose
// close failed, and its own clean-up at exit crashes on it (SIGSEGV in H5F__close_cb): the program
// ends without that clean-up (app/main.cpp), after every temporary is removed.
bool write_failed();
void note_write_failure();

// An open file for writing whose close is tried once, and not at all after a failed write: HDF5
// 1.10 crashes when a file whose close failed is closed again (by a destructor or at exit), so
// after a failure the handle is left to the operating system (the process ends soon after).
class WriteFile {
 public:
  WriteFile() = default;
  explicit WriteFile(const H5::H5File& f) : file_(new H5::H5File(f)) {}
  ~WriteFile();
  WriteFile(const WriteFile&) = delete;
  WriteFile& operator=(const WriteFile&) = delete;
  void reset(const H5::H5File& f);
  H5::H5File& operator*() const { return *file_; }
  H5::H5File* operator->() const { return file_; }
  explicit operator bool() const { return file_ != nullptr; }
  // Closes it; throws h5::Error (and the handle is abandoned) on failure.
  void close();

 private:
  H5::H5File* file_ = nullptr;
};

// Runs `f`, the whole of an HDF5 call path on `file`; an HDF5 failure inside (h5::Error or an
// H5::Exception thrown past the helpers) becomes output::FileError "cannot <doing> '<file>': <cause>
// (<detail>)". Other exceptions pass unchanged.
template <typename F>
auto file_boundary(std::string_view doing, const std::filesystem::path& file, F&& f) -> decltype(f()) {
  const QuietCloses quiet;
  try {
    return f();
  } catch (const Error& e) {
    note_write_failure();
    throw FileError(fmt::format("cannot {} '{}': {} (HDF5: {})", doing, file.string(), e.cause(), e.operation()));
  } catch (const H5::Exception& e) {
    note_write_failure();
    throw FileError(fmt::format("cannot {} '{}': {} (HDF5: {}: {})", doing, file.string(), last_cause(e), e.getFuncName(),
                                e.getDetailMsg()));
  }
}

// Without a filter a dataset is stored contiguous, else in chunks of chunk_rows elements.
// Defaults from tests/bench/h5_compression.cpp (docs/output.md): on a year of 1-minute samples of
// 30 channels, shuffle + deflate 1 in 65536-row chunks is 3.1x smaller than raw float64 and writes
// in about 1 s; higher levels gain under 1 % for 30 % to 80 % more time; shuffle is worth 25 %.
struct Compression {
  std::size_t chunk_rows = 65536;  // elements per chunk of a 1-D dataset (capped at the length)
  int deflate_level = 1;           // 0 = no deflate filter, 1..9 zlib levels
  bool shuffle = true;             // byte shuffle before deflate (groups exponent bytes together)
};

// Files. create_file truncates an existing file. close_file and flush_file throw h5::Error (the
// H5File destructor would only print).
H5::H5File create_file(const std::filesystem::path& path);
H5::H5File open_file(const std::filesystem::path& path, bool writable = false);
void close_file(H5::H5File& file);
void flush_file(const H5::H5File& file);

// Groups; `path` may hold several components ("cases/c0001"), relative to `parent`. A group that
// tracks creation order lists its members in that order (here and in h5py).
H5::Group create_group(const H5::Group& parent, const std::string& path, bool track_order = false);
H5::Group open_group(const H5::Group& parent, const std::string& path);
bool exists(const H5::Group& parent, const std::string& path);
std::vector<std::string> member_names(const H5::Group& group);  // creation order if tracked, else by name
// Copies an object (group with all it holds, or dataset) into another group, possibly of another file.
void copy_object(const H5::Group& from, const std::string& name, const H5::Group& to,
                 const std::string& new_name);

// Scalar attributes on a group or dataset; setting an existing name replaces it.
void set_string_attr(const H5::H5Object& obj, const std::string& name, std::string_view value);
void set_double_attr(const H5::H5Object& obj, const std::string& name, double value);
void set_int64_attr(const H5::H5Object& obj, const std::string& name, std::int64_t value);
void set_uint64_attr(const H5::H5Object& obj, const std::string& name, std::uint64_t value);
bool has_attr(const H5::H5Object& obj, const std::string& name);
std::vector<std::string> attr_names(const H5::H5Object& obj);  // by name
bool is_string_attr(const H5::H5Object& obj, const std::string& name);
std::string string_attr(const H5::H5Object& obj, const std::string& name);
double double_attr(const H5::H5Object& obj, const std::string& name);  // any numeric type
std::int64_t int64_attr(const H5::H5Object& obj, const std::string& name);
std::uint64_t uint64_attr(const H5::H5Object& obj, const std::string& name);

// 1-D numeric datasets.
H5::DataSet write_doubles(const H5::Group& group, const std::string& name,
                          std::span<const double> values, const Compression& c = {});
H5::DataSet write_int64s(const H5::Group& group, const std::string& name,
                         std::span<const std::int64_t> values, const Compression& c = {});
std::vector<double> read_doubles(const H5::Group& group, const std::string& name);
std::vector<std::int64_t> read_int64s(const H5::Group& group, const std::string& name);

// 1-D fixed-length UTF-8 strings (labels); h5py reads them as numpy bytes ('S' dtype).
H5::DataSet write_strings(const H5::Group& group, const std::string& name,
                          std::span<const std::string> values);
std::vector<std::string> read_strings(const H5::Group& group, const std::string& name);

// A scalar UTF-8 text dataset (h5py: f[name][()].decode() or f[name].asstr()[()]).
H5::DataSet write_text(const H5::Group& group, const std::string& name, std::string_view text);
std::string read_text(const H5::Group& group, const std::string& name);

// A table of named columns of equal length, stored as a 1-D compound dataset (one row per element).
class Table {
 public:
  using Values = std::variant<std::vector<double>, std::vector<std::int64_t>, std::vector<std::string>>;
  struct Column {
    std::string name;
    Values values;
  };

  // Throws std::invalid_argument on a duplicate or empty name, or a length unlike the others'.
  Table& add(std::string name, Values values);
  std::size_t row_count() const;
  const std::vector<Column>& columns() const { return columns_; }
  const Column& column(std::string_view name) const;  // throws std::out_of_range
  const std::vector<double>& doubles(std::string_view name) const;
  const std::vector<std::int64_t>& int64s(std::string_view name) const;
  const std::vector<std::string>& strings(std::string_view name) const;

 private:
  std::vector<Column> columns_;
};

H5::DataSet write_table(const H5::Group& group, const std::string& name, const Table& table,
                        const Compression& c = {});
// Float members read as double, integer members as int64, fixed or variable strings as strings.
Table read_table(const H5::Group& group, const std::string& name);

}  // namespace dcsim::output::h5

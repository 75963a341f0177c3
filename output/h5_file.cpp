#include "output/h5_file.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>

namespace dcsim::output::h5 {

namespace {

// HDF5 keeps an error stack per thread and prints it by default. We replace the printer with one
// that keeps the innermost message (the root cause, e.g. the errno text of a failed open) for the
// exception we throw; installing it is per thread, hence the thread_local guard.
thread_local std::string last_error;
thread_local std::string last_stack;  // every level's message, outermost first

herr_t walk_error(unsigned, const H5E_error2_t* err, void* out) {
  auto& s = *static_cast<std::string*>(out);
  s = fmt::format("{} ({})", err->desc ? err->desc : "", err->func_name ? err->func_name : "");
  last_stack += s;
  last_stack += '\n';
  return 0;
}

herr_t capture_error(hid_t stack, void*) {
  last_error.clear();
  last_stack.clear();
  H5Ewalk2(stack, H5E_WALK_DOWNWARD, walk_error, &last_error);
  return 0;
}

void quiet_errors() {
  thread_local bool installed = false;
  if (!installed) {
    H5::Exception::dontPrint();
    H5Eset_auto2(H5E_DEFAULT, capture_error, nullptr);
    installed = true;
  }
}

std::string where(const H5::H5Location& loc, std::string_view name) {
  std::string file, obj;
  try {
    file = loc.getFileName();
    if (auto* o = dynamic_cast<const H5::H5Object*>(&loc)) obj = o->getObjName();
  } catch (const H5::Exception&) {
  }
  if (obj.empty() || obj.back() != '/') obj += '/';
  return fmt::format("{}:{}{}", file, obj, name);
}

// Runs an HDF5 operation, turning H5::Exception into h5::Error naming `what` and `path`.
template <typename F>
auto guarded(std::string_view what, const std::string& path, F&& f) -> decltype(f()) {
  quiet_errors();
  last_error.clear();
  last_stack.clear();
  try {
    return f();
  } catch (const H5::Exception& e) {
    const std::string detail = last_error.empty() ? e.getDetailMsg() : last_error;
    throw Error(fmt::format("HDF5: cannot {} {}: {}", what, path, detail), last_cause(e), fmt::format("cannot {} {}", what, path));
  }
}

H5::StrType utf8_vlen() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

H5::StrType utf8_fixed(std::size_t width) {
  H5::StrType t(H5::PredType::C_S1, std::max<std::size_t>(width, 1));
  t.setCset(H5T_CSET_UTF8);
  t.setStrpad(H5T_STR_NULLPAD);
  return t;
}

H5::DSetCreatPropList chunked(std::size_t rows, std::size_t row_bytes, const Compression& c) {
  H5::DSetCreatPropList p;
  // Chunks are needed only by filters; an empty dataset stays contiguous (a chunk holds >= 1 row).
  if (rows == 0 || (!c.shuffle && c.deflate_level <= 0)) return p;
  constexpr std::size_t kMaxChunkBytes = 4u << 20;
  const std::size_t cap = std::max<std::size_t>(1, kMaxChunkBytes / std::max<std::size_t>(row_bytes, 1));
  const hsize_t chunk = std::max<std::size_t>(1, std::min({rows, std::max<std::size_t>(c.chunk_rows, 1), cap}));
  p.setChunk(1, &chunk);
  if (c.shuffle) p.setShuffle();
  if (c.deflate_level > 0) p.setDeflate(std::min(c.deflate_level, 9));
  return p;
}

H5::Attribute fresh_attr(const H5::H5Object& obj, const std::string& name, const H5::DataType& type) {
  if (obj.attrExists(name)) obj.removeAttr(name);
  return obj.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
}

H5::Attribute numeric_attr(const H5::H5Object& obj, const std::string& name) {
  H5::Attribute a = obj.openAttribute(name);
  const H5T_class_t cls = a.getTypeClass();
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) {
    throw std::runtime_error(fmt::format("attribute '{}' is not numeric", name));
  }
  if (a.getSpace().getSimpleExtentNpoints() != 1) {
    throw std::runtime_error(fmt::format("attribute '{}' is not a scalar", name));
  }
  return a;
}

template <typename T>
H5::DataSet write_vector(const H5::Group& group, const std::string& name, std::span<const T> values,
                         const H5::PredType& file_type, const H5::PredType& mem_type,
                         const Compression& c) {
  return guarded("write dataset", where(group, name), [&] {
    const hsize_t n = values.size();
    H5::DataSpace space(1, &n);
    H5::DataSet ds = group.createDataSet(name, file_type, space, chunked(n, sizeof(T), c));
    if (n > 0) {
      ds.write(values.data(), mem_type);
      // Write the chunk cache out now: a full disk then fails here, with a message, rather than in
      // the dataset's destructor (which can only print).
      if (H5Dflush(ds.getId()) < 0) throw H5::DataSetIException("H5Dflush", "cannot write the data out");
    }
    return ds;
  });
}

template <typename T>
std::vector<T> read_vector(const H5::Group& group, const std::string& name, const H5::PredType& mem_type) {
  return guarded("read dataset", where(group, name), [&] {
    H5::DataSet ds = group.openDataSet(name);
    const H5T_class_t cls = ds.getTypeClass();
    if (cls != H5T_INTEGER && cls != H5T_FLOAT) throw std::runtime_error("dataset is not numeric");
    H5::DataSpace space = ds.getSpace();
    if (space.getSimpleExtentNdims() != 1) throw std::runtime_error("dataset is not 1-D");
    std::vector<T> out(static_cast<std::size_t>(space.getSimpleExtentNpoints()));
    if (!out.empty()) ds.read(out.data(), mem_type);
    return out;
  });
}

}  // namespace

std::string last_cause(const H5::Exception& e) {
  // The POSIX driver reports a failed system call as "... errno = 28, error message = 'No space left
  // on device', ..." somewhere in the stack; that is the cause a user can act on.
  const std::string key = "error message = '";
  if (const auto at = last_stack.find(key); at != std::string::npos) {
    const auto end = last_stack.find('\'', at + key.size());
    if (end != std::string::npos) return last_stack.substr(at + key.size(), end - at - key.size());
  }
  if (!last_error.empty()) return last_error;
  return e.getDetailMsg();
}

namespace {
std::atomic<bool> g_write_failed{false};
}  // namespace

bool write_failed() { return g_write_failed.load(); }
void note_write_failure() { g_write_failed.store(true); }

QuietCloses::QuietCloses() : saved_(std::cerr.rdbuf(nullptr)) {}
QuietCloses::~QuietCloses() { std::cerr.rdbuf(saved_); }

WriteFile::~WriteFile() {
  if (!file_ || write_failed()) return;  // abandoned: see the header
  const QuietCloses quiet;
  try {
    file_->close();
  } catch (const H5::Exception&) {
    return;  // abandoned too
  }
  delete file_;
}

void WriteFile::reset(const H5::H5File& f) {
  if (file_) throw std::logic_error("WriteFile::reset on an open file");
  file_ = new H5::H5File(f);
}

void WriteFile::close() {
  if (!file_) return;
  try {
    close_file(*file_);
  } catch (...) {
    note_write_failure();
    throw;
  }
  delete file_;
  file_ = nullptr;
}

void close_file(H5::H5File& file) {
  const std::string name = [&] {
    try {
      return file.getFileName();
    } catch (const H5::Exception&) {
      return std::string("file");
    }
  }();
  guarded("close", name, [&] { file.close(); });
}

void flush_file(const H5::H5File& file) {
  guarded("flush", file.getFileName(), [&] { file.flush(H5F_SCOPE_GLOBAL); });
}

H5::H5File create_file(const std::filesystem::path& path) {
  return guarded("create file", path.string(), [&] { return H5::H5File(path.string(), H5F_ACC_TRUNC); });
}

H5::H5File open_file(const std::filesystem::path& path, bool writable) {
  return guarded("open file", path.string(), [&] {
    return H5::H5File(path.string(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY);
  });
}

H5::Group create_group(const H5::Group& parent, const std::string& path, bool track_order) {
  return guarded("create group", where(parent, path), [&] {
    H5::LinkCreatPropList lcpl;
    lcpl.setCreateIntermediateGroup(true);
    hid_t gcpl = H5Pcreate(H5P_GROUP_CREATE);
    if (track_order) H5Pset_link_creation_order(gcpl, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED);
    const hid_t id = H5Gcreate2(parent.getId(), path.c_str(), lcpl.getId(), gcpl, H5P_DEFAULT);
    H5Pclose(gcpl);
    if (id < 0) throw H5::GroupIException("H5Gcreate2", "cannot create group");
    H5::Group g(id);  // the C++ object takes its own reference
    H5Gclose(id);
    return g;
  });
}

H5::Group open_group(const H5::Group& parent, const std::string& path) {
  return guarded("open group", where(parent, path), [&] { return parent.openGroup(path); });
}

bool exists(const H5::Group& parent, const std::string& path) {
  return guarded("look up", where(parent, path), [&] {
    // H5Lexists fails when an intermediate link is missing, so test one component at a time.
    std::string prefix;
    std::size_t start = 0;
    while (start <= path.size()) {
      const std::size_t slash = std::min(path.find('/', start), path.size());
      if (slash > start) {
        if (!prefix.empty()) prefix.push_back('/');
        prefix.append(path, start, slash - start);
        if (!parent.nameExists(prefix)) return false;
      }
      start = slash + 1;
    }
    return !prefix.empty();
  });
}

std::vector<std::string> member_names(const H5::Group& group) {
  return guarded("list", where(group, ""), [&] {
    std::vector<std::string> names;
    unsigned order_flags = 0;
    const hid_t gcpl = H5Gget_create_plist(group.getId());
    H5Pget_link_creation_order(gcpl, &order_flags);
    H5Pclose(gcpl);
    const H5_index_t index = (order_flags & H5P_CRT_ORDER_INDEXED) ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
      static_cast<std::vector<std::string>*>(out)->emplace_back(name);
      return 0;
    };
    if (H5Literate(group.getId(), index, H5_ITER_INC, nullptr, collect, &names) < 0) {
      throw H5::GroupIException("H5Literate", "iteration failed");
    }
    return names;
  });
}

void copy_object(const H5::Group& from, const std::string& name, const H5::Group& to,
                 const std::string& new_name) {
  guarded("copy", where(from, name) + " to " + where(to, new_name), [&] {
    if (H5Ocopy(from.getId(), name.c_str(), to.getId(), new_name.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0) {
      throw H5::LibraryIException("H5Ocopy", "copy failed");
    }
  });
}

void set_string_attr(const H5::H5Object& obj, const std::string& name, std::string_view value) {
  guarded("write attribute", where(obj, "@" + name), [&] {
    const H5::StrType t = utf8_vlen();
    fresh_attr(obj, name, t).write(t, std::string(value));
  });
}

void set_double_attr(const H5::H5Object& obj, const std::string& name, double value) {
  guarded("write attribute", where(obj, "@" + name), [&] {
    fresh_attr(obj, name, H5::PredType::IEEE_F64LE).write(H5::PredType::NATIVE_DOUBLE, &value);
  });
}

void set_int64_attr(const H5::H5Object& obj, const std::string& name, std::int64_t value) {
  guarded("write attribute", where(obj, "@" + name), [&] {
    fresh_attr(obj, name, H5::PredType::STD_I64LE).write(H5::PredType::NATIVE_INT64, &value);
  });
}

void set_uint64_attr(const H5::H5Object& obj, const std::string& name, std::uint64_t value) {
  guarded("write attribute", where(obj, "@" + name), [&] {
    fresh_attr(obj, name, H5::PredType::STD_U64LE).write(H5::PredType::NATIVE_UINT64, &value);
  });
}

bool has_attr(const H5::H5Object& obj, const std::string& name) {
  return guarded("look up attribute", where(obj, "@" + name), [&] { return obj.attrExists(name); });
}

std::vector<std::string> attr_names(const H5::H5Object& obj) {
  return guarded("list attributes", where(obj, ""), [&] {
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
      static_cast<std::vector<std::string>*>(out)->emplace_back(name);
      return 0;
    };
    if (H5Aiterate2(obj.getId(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names) < 0) {
      throw H5::AttributeIException("H5Aiterate2", "iteration failed");
    }
    return names;
  });
}

bool is_string_attr(const H5::H5Object& obj, const std::string& name) {
  return guarded("read attribute", where(obj, "@" + name),
                 [&] { return obj.openAttribute(name).getTypeClass() == H5T_STRING; });
}

std::string string_attr(const H5::H5Object& obj, const std::string& name) {
  return guarded("read attribute", where(obj, "@" + name), [&] {
    H5::Attribute a = obj.openAttribute(name);
    if (a.getTypeClass() != H5T_STRING) throw std::runtime_error("attribute is not a string");
    std::string s;
    a.read(a.getStrType(), s);
    s.erase(std::find(s.begin(), s.end(), '\0'), s.end());  // fixed-length, NUL-padded
    return s;
  });
}

double double_attr(const H5::H5Object& obj, const std::string& name) {
  return guarded("read attribute", where(obj, "@" + name), [&] {
    double v = 0.0;
    numeric_attr(obj, name).read(H5::PredType::NATIVE_DOUBLE, &v);
    return v;
  });
}

std::int64_t int64_attr(const H5::H5Object& obj, const std::string& name) {
  return guarded("read attribute", where(obj, "@" + name), [&] {
    std::int64_t v = 0;
    numeric_attr(obj, name).read(H5::PredType::NATIVE_INT64, &v);
    return v;
  });
}

std::uint64_t uint64_attr(const H5::H5Object& obj, const std::string& name) {
  return guarded("read attribute", where(obj, "@" + name), [&] {
    std::uint64_t v = 0;
    numeric_attr(obj, name).read(H5::PredType::NATIVE_UINT64, &v);
    return v;
  });
}

H5::DataSet write_doubles(const H5::Group& group, const std::string& name,
                          std::span<const double> values, const Compression& c) {
  return write_vector(group, name, values, H5::PredType::IEEE_F64LE, H5::PredType::NATIVE_DOUBLE, c);
}

H5::DataSet write_int64s(const H5::Group& group, const std::string& name,
                         std::span<const std::int64_t> values, const Compression& c) {
  return write_vector(group, name, values, H5::PredType::STD_I64LE, H5::PredType::NATIVE_INT64, c);
}

std::vector<double> read_doubles(const H5::Group& group, const std::string& name) {
  return read_vector<double>(group, name, H5::PredType::NATIVE_DOUBLE);
}

std::vector<std::int64_t> read_int64s(const H5::Group& group, const std::string& name) {
  return read_vector<std::int64_t>(group, name, H5::PredType::NATIVE_INT64);
}

H5::DataSet write_strings(const H5::Group& group, const std::string& name,
                          std::span<const std::string> values) {
  return guarded("write strings", where(group, name), [&] {
    std::size_t w = 1;
    for (const auto& v : values) w = std::max(w, v.size());
    std::vector<char> buf(values.size() * w, '\0');
    for (std::size_t i = 0; i < values.size(); ++i) std::memcpy(buf.data() + i * w, values[i].data(), values[i].size());
    const hsize_t n = values.size();
    const H5::StrType t = utf8_fixed(w);
    H5::DataSet ds = group.createDataSet(name, t, H5::DataSpace(1, &n));
    if (n > 0) ds.write(buf.data(), t);
    return ds;
  });
}

std::vector<std::string> read_strings(const H5::Group& group, const std::string& name) {
  return guarded("read strings", where(group, name), [&] {
    H5::DataSet ds = group.openDataSet(name);
    if (ds.getTypeClass() != H5T_STRING) throw std::runtime_error("dataset is not strings");
    H5::DataSpace space = ds.getSpace();
    if (space.getSimpleExtentNdims() != 1) throw std::runtime_error("dataset is not 1-D");
    const auto n = static_cast<std::size_t>(space.getSimpleExtentNpoints());
    const H5::StrType st = ds.getStrType();
    std::vector<std::string> out(n);
    if (n == 0) return out;
    if (st.isVariableStr()) {
      std::vector<char*> ptrs(n, nullptr);
      ds.read(ptrs.data(), st);
      for (std::size_t i = 0; i < n; ++i) out[i] = ptrs[i] ? ptrs[i] : "";
      H5Dvlen_reclaim(st.getId(), space.getId(), H5P_DEFAULT, ptrs.data());
    } else {
      const std::size_t w = st.getSize();
      std::vector<char> raw(n * w);
      ds.read(raw.data(), st);
      for (std::size_t i = 0; i < n; ++i) out[i].assign(raw.data() + i * w, strnlen(raw.data() + i * w, w));
    }
    return out;
  });
}

H5::DataSet write_text(const H5::Group& group, const std::string& name, std::string_view text) {
  return guarded("write text", where(group, name), [&] {
    const H5::StrType t = utf8_vlen();
    H5::DataSet ds = group.createDataSet(name, t, H5::DataSpace(H5S_SCALAR));
    ds.write(std::string(text), t);
    return ds;
  });
}

std::string read_text(const H5::Group& group, const std::string& name) {
  return guarded("read text", where(group, name), [&] {
    H5::DataSet ds = group.openDataSet(name);
    if (ds.getTypeClass() != H5T_STRING) throw std::runtime_error("dataset is not text");
    std::string s;
    ds.read(s, ds.getStrType());
    s.erase(std::find(s.begin(), s.end(), '\0'), s.end());
    return s;
  });
}

// ---- Table ------------------------------------------------------------------------------------

Table& Table::add(std::string name, Values values) {
  if (name.empty()) throw std::invalid_argument("table: column name must not be empty");
  for (const auto& c : columns_) {
    if (c.name == name) throw std::invalid_argument(fmt::format("table: duplicate column '{}'", name));
  }
  const std::size_t n = std::visit([](const auto& v) { return v.size(); }, values);
  if (!columns_.empty() && n != row_count()) {
    throw std::invalid_argument(
        fmt::format("table: column '{}' has {} rows, the others {}", name, n, row_count()));
  }
  columns_.push_back({std::move(name), std::move(values)});
  return *this;
}

std::size_t Table::row_count() const {
  if (columns_.empty()) return 0;
  return std::visit([](const auto& v) { return v.size(); }, columns_.front().values);
}

const Table::Column& Table::column(std::string_view name) const {
  for (const auto& c : columns_) {
    if (c.name == name) return c;
  }
  throw std::out_of_range(fmt::format("table: no column '{}'", name));
}

namespace {
template <typename T>
const std::vector<T>& typed(const Table::Column& c, const char* type_name) {
  if (const auto* v = std::get_if<std::vector<T>>(&c.values)) return *v;
  throw std::out_of_range(fmt::format("table: column '{}' does not hold {}", c.name, type_name));
}
}  // namespace

const std::vector<double>& Table::doubles(std::string_view name) const {
  return typed<double>(column(name), "float64");
}
const std::vector<std::int64_t>& Table::int64s(std::string_view name) const {
  return typed<std::int64_t>(column(name), "int64");
}
const std::vector<std::string>& Table::strings(std::string_view name) const {
  return typed<std::string>(column(name), "strings");
}

H5::DataSet write_table(const H5::Group& group, const std::string& name, const Table& table,
                        const Compression& c) {
  return guarded("write table", where(group, name), [&] {
    if (table.columns().empty()) throw std::runtime_error("table has no columns");
    // Packed row layout: member offsets follow one another with no padding.
    std::vector<std::size_t> offsets, widths;
    std::size_t row_bytes = 0;
    for (const auto& col : table.columns()) {
      std::size_t w = 8;
      if (const auto* s = std::get_if<std::vector<std::string>>(&col.values)) {
        w = 1;
        for (const auto& x : *s) w = std::max(w, x.size());
      }
      offsets.push_back(row_bytes);
      widths.push_back(w);
      row_bytes += w;
    }
    H5::CompType type(row_bytes);
    for (std::size_t i = 0; i < table.columns().size(); ++i) {
      const auto& col = table.columns()[i];
      if (std::holds_alternative<std::vector<double>>(col.values)) {
        type.insertMember(col.name, offsets[i], H5::PredType::NATIVE_DOUBLE);
      } else if (std::holds_alternative<std::vector<std::int64_t>>(col.values)) {
        type.insertMember(col.name, offsets[i], H5::PredType::NATIVE_INT64);
      } else {
        type.insertMember(col.name, offsets[i], utf8_fixed(widths[i]));
      }
    }
    const hsize_t rows = table.row_count();
    std::vector<char> buf(rows * row_bytes, '\0');
    for (std::size_t i = 0; i < table.columns().size(); ++i) {
      std::visit(
          [&](const auto& v) {
            using T = typename std::decay_t<decltype(v)>::value_type;
            for (std::size_t r = 0; r < v.size(); ++r) {
              char* dst = buf.data() + r * row_bytes + offsets[i];
              if constexpr (std::is_same_v<T, std::string>) {
                std::memcpy(dst, v[r].data(), v[r].size());
              } else {
                std::memcpy(dst, &v[r], sizeof(T));
              }
            }
          },
          table.columns()[i].values);
    }
    H5::DataSpace space(1, &rows);
    H5::DataSet ds = group.createDataSet(name, type, space, chunked(rows, row_bytes, c));
    if (rows > 0) ds.write(buf.data(), type);
    return ds;
  });
}

Table read_table(const H5::Group& group, const std::string& name) {
  return guarded("read table", where(group, name), [&] {
    H5::DataSet ds = group.openDataSet(name);
    if (ds.getTypeClass() != H5T_COMPOUND) throw std::runtime_error("dataset is not a compound table");
    H5::DataSpace space = ds.getSpace();
    if (space.getSimpleExtentNdims() != 1) throw std::runtime_error("table is not 1-D");
    const auto rows = static_cast<std::size_t>(space.getSimpleExtentNpoints());
    const H5::CompType file_type = ds.getCompType();
    Table table;
    for (int m = 0; m < file_type.getNmembers(); ++m) {
      const auto i = static_cast<unsigned>(m);
      const std::string member = file_type.getMemberName(i);
      const H5T_class_t cls = file_type.getMemberClass(i);
      // Read one member at a time through a one-member memory compound; HDF5 converts the type.
      auto read_member = [&](const H5::DataType& mem, std::size_t size, void* out) {
        H5::CompType one(size);
        one.insertMember(member, 0, mem);
        if (rows > 0) ds.read(out, one);
        return one;
      };
      if (cls == H5T_FLOAT) {
        std::vector<double> v(rows);
        read_member(H5::PredType::NATIVE_DOUBLE, sizeof(double), v.data());
        table.add(member, std::move(v));
      } else if (cls == H5T_INTEGER) {
        std::vector<std::int64_t> v(rows);
        read_member(H5::PredType::NATIVE_INT64, sizeof(std::int64_t), v.data());
        table.add(member, std::move(v));
      } else if (cls == H5T_STRING) {
        const H5::StrType st = file_type.getMemberStrType(i);
        std::vector<std::string> v(rows);
        if (st.isVariableStr()) {
          std::vector<char*> ptrs(rows, nullptr);
          H5::StrType mem(H5::PredType::C_S1, H5T_VARIABLE);
          mem.setCset(st.getCset());  // HDF5 does not convert between ASCII and UTF-8 strings
          H5::CompType one = read_member(mem, sizeof(char*), ptrs.data());
          for (std::size_t r = 0; r < rows; ++r) v[r] = ptrs[r] ? ptrs[r] : "";
          if (rows > 0) H5Dvlen_reclaim(one.getId(), space.getId(), H5P_DEFAULT, ptrs.data());
        } else {
          const std::size_t w = st.getSize();
          std::vector<char> raw(rows * w);
          read_member(st, w, raw.data());
          for (std::size_t r = 0; r < rows; ++r) {
            const char* p = raw.data() + r * w;
            v[r].assign(p, strnlen(p, w));
          }
        }
        table.add(member, std::move(v));
      } else {
        throw std::runtime_error(fmt::format("column '{}' has an unsupported type class {}", member,
                                             static_cast<int>(cls)));
      }
    }
    return table;
  });
}

}  // namespace dcsim::output::h5

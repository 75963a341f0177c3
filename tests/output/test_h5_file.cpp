// HDF5 helpers and the atomic file: every writer round-trips through its reader, filters are
// really applied, errors name the path without HDF5 printing its stack, and a failed write never
// leaves a file nor damages the previous one.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "output/atomic_file.hpp"
#include "output/h5_file.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
namespace h5 = dcsim::output::h5;
using dcsim::output::AtomicFile;
using dcsim::output::write_atomically;

namespace {

using dcsim::test::slurp;
using dcsim::test::TempDir;

// Runs f with file descriptor 2 sent to a file; returns what was written there.
template <typename F>
std::string captured_stderr(const fs::path& where, F&& f) {
  std::fflush(stderr);
  const int saved = ::dup(2);
  std::FILE* sink = std::fopen(where.c_str(), "w");
  ::dup2(::fileno(sink), 2);
  try {
    f();
  } catch (...) {
  }
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::fclose(sink);
  return slurp(where);
}

}  // namespace

TEST_CASE("h5 float64 and int64 datasets round-trip bit for bit", "[h5]") {
  TempDir dir("h5_numbers");
  const fs::path path = dir.path / "n.h5";
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> doubles = {0.0, -0.0, 1.0 / 3.0, 6.02214076e23, -inf, 4.9e-324};
  std::vector<double> long_series(50'000);
  for (std::size_t i = 0; i < long_series.size(); ++i) long_series[i] = 20.0 + 5.0 * std::sin(i * 1e-3);
  const std::vector<std::int64_t> ints = {std::numeric_limits<std::int64_t>::min(), -1, 0,
                                          std::numeric_limits<std::int64_t>::max()};
  {
    H5::H5File f = h5::create_file(path);
    h5::write_doubles(f, "doubles", doubles);
    h5::write_doubles(f, "long", long_series, {.chunk_rows = 4096, .deflate_level = 6, .shuffle = true});
    h5::write_doubles(f, "nan", std::vector<double>{std::nan("")});
    h5::write_doubles(f, "empty", std::vector<double>{});
    h5::write_int64s(f, "ints", ints);
  }
  H5::H5File f = h5::open_file(path);
  const auto back = h5::read_doubles(f, "doubles");
  REQUIRE(back.size() == doubles.size());
  for (std::size_t i = 0; i < back.size(); ++i) {
    REQUIRE(std::signbit(back[i]) == std::signbit(doubles[i]));
    REQUIRE(back[i] == doubles[i]);
  }
  REQUIRE(h5::read_doubles(f, "long") == long_series);
  REQUIRE(std::isnan(h5::read_doubles(f, "nan").at(0)));
  REQUIRE(h5::read_doubles(f, "empty").empty());
  REQUIRE(h5::read_int64s(f, "ints") == ints);
  // Integers read as doubles convert (HDF5 type conversion), e.g. for a table column made by numpy.
  REQUIRE(h5::read_doubles(f, "ints")[2] == 0.0);
}

TEST_CASE("h5 datasets are chunked with shuffle and deflate as asked", "[h5]") {
  TempDir dir("h5_filters");
  H5::H5File f = h5::create_file(dir.path / "c.h5");
  const std::vector<double> flat(100'000, 25.0);  // a setpoint held all along
  const auto packed = h5::write_doubles(f, "packed", flat, {.chunk_rows = 16384, .deflate_level = 4, .shuffle = true});
  const auto plain = h5::write_doubles(f, "plain", flat, {.chunk_rows = 16384, .deflate_level = 0, .shuffle = false});
  const H5::DSetCreatPropList p = packed.getCreatePlist();
  REQUIRE(p.getLayout() == H5D_CHUNKED);
  hsize_t chunk = 0;
  p.getChunk(1, &chunk);
  REQUIRE(chunk == 16384);
  REQUIRE(p.getNfilters() == 2);
  REQUIRE(plain.getCreatePlist().getLayout() == H5D_CONTIGUOUS);
  REQUIRE(plain.getStorageSize() == flat.size() * sizeof(double));
  // A constant column deflates by far more than 100x; the raw one takes its full 800 kB.
  REQUIRE(packed.getStorageSize() * 100 < flat.size() * sizeof(double));
  // A chunk never exceeds the dataset length.
  const auto small = h5::write_doubles(f, "small", std::vector<double>(10, 1.0));
  small.getCreatePlist().getChunk(1, &chunk);
  REQUIRE(chunk == 10);
}

TEST_CASE("h5 attributes of every kind round-trip and replace", "[h5]") {
  TempDir dir("h5_attrs");
  const fs::path path = dir.path / "a.h5";
  {
    H5::H5File f = h5::create_file(path);
    h5::set_string_attr(f, "site", "Reykjavik \xC3\x9Esingvellir");  // UTF-8
    h5::set_string_attr(f, "empty", "");
    h5::set_double_attr(f, "pue", 1.25);
    h5::set_int64_attr(f, "events", -42);
    h5::set_uint64_attr(f, "seed", std::numeric_limits<std::uint64_t>::max());
    h5::set_double_attr(f, "pue", 1.5);  // replaced, not duplicated
    const auto ds = h5::write_doubles(f, "x", std::vector<double>{1.0});
    h5::set_string_attr(ds, "units", "degC");
  }
  H5::H5File f = h5::open_file(path);
  REQUIRE(h5::string_attr(f, "site") == "Reykjavik \xC3\x9Esingvellir");
  REQUIRE(h5::string_attr(f, "empty").empty());
  REQUIRE(h5::double_attr(f, "pue") == 1.5);
  REQUIRE(h5::int64_attr(f, "events") == -42);
  REQUIRE(h5::double_attr(f, "events") == -42.0);
  REQUIRE(h5::uint64_attr(f, "seed") == std::numeric_limits<std::uint64_t>::max());
  REQUIRE(h5::attr_names(f) == std::vector<std::string>{"empty", "events", "pue", "seed", "site"});
  REQUIRE(h5::is_string_attr(f, "site"));
  REQUIRE_FALSE(h5::is_string_attr(f, "pue"));
  REQUIRE(h5::has_attr(f, "seed"));
  REQUIRE_FALSE(h5::has_attr(f, "missing"));
  REQUIRE(h5::string_attr(f.openDataSet("x"), "units") == "degC");
  REQUIRE_THROWS_AS(h5::double_attr(f, "site"), std::runtime_error);
}

TEST_CASE("h5 groups nest, list in creation order when tracked, and copy across files", "[h5]") {
  TempDir dir("h5_groups");
  H5::H5File f = h5::create_file(dir.path / "g.h5");
  h5::create_group(f, "cases/c0001");
  REQUIRE(h5::exists(f, "cases"));
  REQUIRE(h5::exists(f, "cases/c0001"));
  REQUIRE_FALSE(h5::exists(f, "cases/c0002"));
  REQUIRE_FALSE(h5::exists(f, "nothing/deeper/still"));
  const H5::Group tracked = h5::create_group(f, "tracked", true);
  const H5::Group sorted = h5::create_group(f, "sorted");
  for (const char* name : {"zeta", "alpha", "mid"}) {
    h5::write_doubles(tracked, name, std::vector<double>{1.0});
    h5::write_doubles(sorted, name, std::vector<double>{1.0});
  }
  REQUIRE(h5::member_names(tracked) == std::vector<std::string>{"zeta", "alpha", "mid"});
  REQUIRE(h5::member_names(sorted) == std::vector<std::string>{"alpha", "mid", "zeta"});

  h5::write_doubles(h5::open_group(f, "cases/c0001"), "v", std::vector<double>{2.0, 3.0});
  H5::H5File g = h5::create_file(dir.path / "merged.h5");
  h5::copy_object(h5::open_group(f, "cases"), "c0001", h5::create_group(g, "cases"), "c0001");
  REQUIRE(h5::read_doubles(h5::open_group(g, "cases/c0001"), "v") == std::vector<double>{2.0, 3.0});
}

TEST_CASE("h5 text and string datasets round-trip", "[h5]") {
  TempDir dir("h5_text");
  const fs::path path = dir.path / "t.h5";
  const std::string yaml = "name: test\nsite: phoenix\ncooling:\n  setpoint: \"18 degC\"\n";
  const std::vector<std::string> labels = {"2025-01", "2025-02", ""};
  {
    H5::H5File f = h5::create_file(path);
    h5::write_text(f, "scenario", yaml);
    h5::write_text(f, "empty", "");
    h5::write_strings(f, "labels", labels);
  }
  H5::H5File f = h5::open_file(path);
  REQUIRE(h5::read_text(f, "scenario") == yaml);
  REQUIRE(h5::read_text(f, "empty").empty());
  REQUIRE(h5::read_strings(f, "labels") == labels);
}

TEST_CASE("h5 compound table round-trips doubles, int64 and strings", "[h5]") {
  TempDir dir("h5_table");
  const fs::path path = dir.path / "t.h5";
  h5::Table t;
  t.add("case_id", std::vector<std::string>{"c0000", "c0001", "long-case-name-\xC2\xB5"})
      .add("supply_temp_c", std::vector<double>{18.0, 22.5, 27.0})
      .add("racks", std::vector<std::int64_t>{10, 20, -1})
      .add("note", std::vector<std::string>{"", "x", ""});
  REQUIRE(t.row_count() == 3);
  REQUIRE_THROWS_AS(t.add("short", std::vector<double>{1.0}), std::invalid_argument);
  REQUIRE_THROWS_AS(t.add("racks", std::vector<double>{1.0, 2.0, 3.0}), std::invalid_argument);
  {
    H5::H5File f = h5::create_file(path);
    h5::write_table(h5::create_group(f, "sweep"), "table", t);
    h5::Table empty;
    empty.add("time_s", std::vector<double>{}).add("kind", std::vector<std::string>{});
    h5::write_table(f, "empty", empty);
  }
  H5::H5File f = h5::open_file(path);
  const h5::Table back = h5::read_table(h5::open_group(f, "sweep"), "table");
  REQUIRE(back.columns().size() == 4);
  REQUIRE(back.columns()[0].name == "case_id");
  REQUIRE(back.strings("case_id") == t.strings("case_id"));
  REQUIRE(back.doubles("supply_temp_c") == t.doubles("supply_temp_c"));
  REQUIRE(back.int64s("racks") == t.int64s("racks"));
  REQUIRE(back.strings("note") == t.strings("note"));
  REQUIRE_THROWS_AS(back.doubles("case_id"), std::out_of_range);
  const h5::Table e = h5::read_table(f, "empty");
  REQUIRE(e.row_count() == 0);
  REQUIRE(e.columns().size() == 2);
}

TEST_CASE("h5 table reader accepts variable-length strings written by other tools", "[h5]") {
  TempDir dir("h5_vlen");
  const fs::path path = dir.path / "v.h5";
  struct Row {
    double x;
    const char* name;
  };
  const Row rows[2] = {{1.5, "alpha"}, {2.5, "a much longer name"}};
  {
    H5::H5File f = h5::create_file(path);
    H5::StrType vlen(H5::PredType::C_S1, H5T_VARIABLE);
    H5::CompType type(sizeof(Row));
    type.insertMember("x", HOFFSET(Row, x), H5::PredType::NATIVE_DOUBLE);
    type.insertMember("name", HOFFSET(Row, name), vlen);
    const hsize_t n = 2;
    f.createDataSet("table", type, H5::DataSpace(1, &n)).write(rows, type);
  }
  H5::H5File f = h5::open_file(path);
  const h5::Table t = h5::read_table(f, "table");
  REQUIRE(t.doubles("x") == std::vector<double>{1.5, 2.5});
  REQUIRE(t.strings("name") == std::vector<std::string>{"alpha", "a much longer name"});
}

TEST_CASE("h5 failures are runtime_errors naming the path, with nothing printed", "[h5]") {
  TempDir dir("h5_errors");
  const fs::path missing = dir.path / "missing.h5";
  try {
    h5::open_file(missing);
    FAIL("opening a missing file must throw");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    REQUIRE_THAT(what, Catch::Matchers::Contains(missing.string()));
    REQUIRE_THAT(what, Catch::Matchers::Contains("No such file"));
  }
  H5::H5File f = h5::create_file(dir.path / "e.h5");
  const H5::Group g = h5::create_group(f, "g");
  try {
    h5::read_doubles(g, "absent");
    FAIL("reading a missing dataset must throw");
  } catch (const std::runtime_error& e) {
    REQUIRE_THAT(std::string(e.what()), Catch::Matchers::Contains("e.h5:/g/absent"));
  }
  h5::write_doubles(g, "x", std::vector<double>{1.0});
  REQUIRE_THROWS_AS(h5::write_doubles(g, "x", std::vector<double>{1.0}), std::runtime_error);
  const std::string printed = captured_stderr(dir.path / "stderr.txt", [&] {
    h5::read_doubles(g, "absent");
  });
  REQUIRE(printed.empty());
}

TEST_CASE("atomic file appears only on commit and keeps the old file until then", "[h5][atomic]") {
  TempDir dir("atomic");
  const fs::path target = dir.path / "out.h5";
  { std::ofstream(target) << "old results"; }

  SECTION("a writer that throws leaves the old file intact and no temporary") {
    REQUIRE_THROWS_AS(write_atomically(target,
                                       [](const fs::path& temp) {
                                         std::ofstream(temp) << "half-written";
                                         throw std::runtime_error("simulated failure");
                                       }),
                      std::runtime_error);
    REQUIRE(slurp(target) == "old results");
    REQUIRE(dir.file_count() == 1);
  }
  SECTION("the temporary sits beside the target, and the target changes only at commit") {
    AtomicFile file(target);
    REQUIRE(file.temp_path().parent_path() == target.parent_path());
    REQUIRE(file.temp_path() != target);
    {
      H5::H5File f = h5::create_file(file.temp_path());
      h5::set_string_attr(f, "state", "new");
    }
    REQUIRE(slurp(target) == "old results");
    file.commit();
    REQUIRE(file.committed());
    REQUIRE_FALSE(fs::exists(file.temp_path()));
    REQUIRE(h5::string_attr(h5::open_file(target), "state") == "new");
    REQUIRE(dir.file_count() == 1);
  }
  SECTION("a writer destroyed without commit removes its temporary") {
    fs::path temp;
    {
      AtomicFile file(dir.path / "never.h5");
      temp = file.temp_path();
      REQUIRE(fs::exists(temp));
    }
    REQUIRE_FALSE(fs::exists(temp));
    REQUIRE_FALSE(fs::exists(dir.path / "never.h5"));
  }
  SECTION("two writers of one target get distinct temporaries") {
    AtomicFile a(target), b(target);
    REQUIRE(a.temp_path() != b.temp_path());
  }
  SECTION("a missing directory is reported") {
    REQUIRE_THROWS_AS(AtomicFile(dir.path / "no" / "such" / "dir.h5"), std::runtime_error);
  }
}

// What the readers of CSV time series (utilization_csv, grid_intensity) share: the error that
// names the place in the file, the walk over the lines that hold data, the split of a line into
// located fields, and the parsing of numbers and of local dates and times.
// A line of data is one that is not blank and does not start with '#' (after blanks); a CR before
// the line feed (CRLF files) is dropped. Columns are 1-based character positions in the line.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "sim/check.hpp"
#include "sim/time.hpp"

namespace dcsim::models {

// A bad trace file: what() reads "file:line:column: what was wrong" (line 0 when the file is
// missing).
class TraceFileError : public ParameterError {
 public:
  TraceFileError(std::string file, int line, int column, const std::string& what);
  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }

 private:
  std::string file_;
  int line_;
  int column_;
};

// The lines of data of a stream, with their 1-based line numbers (comments and blank lines count).
class TraceLines {
 public:
  explicit TraceLines(std::istream& in) : in_(in) {}
  // The next line of data into `line`; false at the end of the stream.
  bool next(std::string& line);
  // The number of the line read last (at the end: the number of lines in the stream).
  int line_no() const { return line_no_; }

 private:
  std::istream& in_;
  int line_no_ = 0;
};

struct CsvField {
  std::string text;
  int column;  // 1-based character column of the field's first character
};

// kPlain: each field trimmed of spaces and tabs. kQuoted: trimmed of any white space, then of one
// pair of surrounding double quotes.
enum class CsvDialect { kPlain, kQuoted };

// Splits `line` on commas (a line without one is one field).
std::vector<CsvField> split_csv_fields(const std::string& line, CsvDialect dialect);

// A finite decimal number taking the whole of `s` (a leading '+' allowed), else nullopt.
std::optional<double> parse_csv_number(const std::string& s);

// "YYYY-MM-DD HH:MM" (or with 'T') as local standard time on `calendar`, else nullopt.
std::optional<sim::Time> parse_csv_date_time(const std::string& s, const sim::Calendar& calendar);

}  // namespace dcsim::models

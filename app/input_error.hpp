// Errors that point at the input, in the style of compilers and Cantera's InputFileError:
//   scenario.yaml:12:21: error: cooling.liquid.pumps[1].efficiency: must be in (0, 1] (got 1.3)
//      11 |       - flow: "20 L/s"
//      12 |         efficiency: 1.3
//         |                     ^
//     hint: did you mean 'supply_temp'?
// A value that came from the command line (--set) or from a schema default has no file position;
// its `origin` ("--set cooling.liquid.supply_temp=abc") replaces file:line:col.
// Validation collects every error of a file (InputErrors) and throws them together (InputException).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dcsim::app {

struct InputError {
  std::string file;                          // file name as given by the user
  int line = 0;                              // 1-based; 0 when unknown
  int column = 0;                            // 1-based; 0 when unknown
  std::string path;                          // key path: cooling.liquid.pumps[1].efficiency
  std::string message;                       // what was expected, what was found
  std::string hint;                          // optional: "did you mean 'supply_temp'?"
  std::string origin;                        // set for values not from the file: "--set a.b=1"
  std::shared_ptr<const std::string> source; // file text for the snippet (may be null)

  // The full report: header line, snippet with caret, hint.
  std::string format() const;
};

class InputErrors {
 public:
  void add(InputError e) { errors_.push_back(std::move(e)); }
  void append(const InputErrors& other);
  bool empty() const { return errors_.empty(); }
  std::size_t size() const { return errors_.size(); }
  const InputError& operator[](std::size_t i) const { return errors_[i]; }
  auto begin() const { return errors_.begin(); }
  auto end() const { return errors_.end(); }
  // Every error (the first kMaxShown of them), then a count when there are several.
  std::string format() const;
  // Throws InputException when not empty.
  void throw_if_any() const;

  static constexpr std::size_t kMaxShown = 50;

 private:
  std::vector<InputError> errors_;
};

class InputException : public std::runtime_error {
 public:
  explicit InputException(InputErrors errors);
  explicit InputException(InputError error);
  const InputErrors& errors() const { return errors_; }

 private:
  InputErrors errors_;
};

// Edit distance (optimal string alignment: insertions, deletions, substitutions, transpositions),
// ignoring ASCII case.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word` if it is close enough to be a likely typo, else empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);
// "did you mean 'x'?" for the closest candidate, else "valid: a, b, c" (or empty if none).
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view list_label = "valid");
// "a, b, c"
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

// A value as echoed in a message: whole up to `max` bytes, else its start and its length
// ("abcd... (10485760 bytes)"), cut at a UTF-8 character boundary.
std::string echo(std::string_view value, std::size_t max = 80);

}  // namespace dcsim::app

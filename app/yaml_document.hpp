// A YAML file held with its text, so that every error can quote the lines it points at. Loading
// never crashes on bad input: a missing or unreadable file, an empty file, binary content (NUL bytes,
// invalid UTF-8) and malformed YAML each become one InputError at the position of the fault; so do
// a second YAML document (yaml-cpp would drop it) and an explicit tag (!!str, !foo: yaml-cpp ignores
// them, so a value would silently mean something else than it says), a scalar over kMaxScalarBytes,
// and a tree that alias expansion makes larger than kMaxExpandedNodes or kMaxExpandedBytes.
// yaml-cpp marks are 0-based; InputError positions are 1-based.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include <yaml-cpp/yaml.h>

#include "app/input_error.hpp"

namespace dcsim::app {

// Limits on what one document may hold, checked right after parsing (docs/robustness.md, class 3):
// one scalar; all values with aliases expanded, counted as nodes and as scalar bytes.
inline constexpr std::size_t kMaxScalarBytes = 1u << 20;
inline constexpr std::size_t kMaxExpandedNodes = 1'000'000;
inline constexpr std::size_t kMaxExpandedBytes = 64u << 20;

class YamlDocument {
 public:
  // Throws InputException.
  static YamlDocument load_file(const std::string& path);
  // `name` stands for the file name in messages.
  static YamlDocument from_string(std::string text, std::string name = "<string>");

  YAML::Node& root() { return root_; }
  const YAML::Node& root() const { return root_; }
  const std::string& name() const { return name_; }
  const std::string& text() const { return *text_; }

  // An error about `node` at key path `path`. For a value that has no position of its own (an empty
  // value has none in yaml-cpp) pass the key node as `fallback`. Values placed by --set or by a
  // schema default report their origin instead of a file position.
  InputError error_at(const YAML::Node& node, const std::string& path, std::string message,
                      std::string hint = {}, const YAML::Node& fallback = YAML::Node()) const;
  // An error at a 0-based yaml-cpp mark.
  InputError error_at_mark(const YAML::Mark& mark, const std::string& path, std::string message,
                           std::string hint = {}) const;

  // Records that the value at `path` did not come from the file ("--set a.b=1", "default").
  void set_origin(const std::string& path, std::string origin) { origins_[path] = std::move(origin); }
  // The origin of `path` or of its nearest recorded ancestor; empty if from the file.
  std::string origin_of(const std::string& path) const;

 private:
  YamlDocument(std::string name, std::string text);
  void parse();
  void check_nodes() const;

  std::string name_;
  std::shared_ptr<const std::string> text_;
  YAML::Node root_;
  std::map<std::string, std::string> origins_;
};

// "a.b" + "c" -> "a.b.c"; "" + "c" -> "c"; index: "a.b" + 2 -> "a.b[2]".
std::string child_path(const std::string& parent, const std::string& key);
std::string item_path(const std::string& parent, std::size_t index);

}  // namespace dcsim::app

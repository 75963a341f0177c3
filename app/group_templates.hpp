// Rack groups without copy-paste (scenarios/README.md, "Repeated rack groups"):
//   it:
//     templates:
//       gpu: {count: 12, idle_power: 6 kW, peak_power: 20 kW, embodied: {...}}
//     groups:
//       - {name: gpu-a1, extends: gpu, utilization: {type: daily, values: [...]}}
//       - {name: "gpu-{n:02}", extends: gpu, copies: 19}
// `extends` is resolved on the YAML tree, after the --set overrides and before schema validation:
// the template's keys are merged into the group's own mapping (the group's keys win, mappings merge
// key by key, lists and scalars are replaced, a mapping whose `type` differs replaces the
// template's whole). The template's value nodes are shared, not copied, so their file positions
// stay: an error in a template-provided value points at the template's line, under the group's key
// path, and names the template. `copies` is expanded by the loader (app/scenario.cpp), one written
// entry into N groups read one after the other, exactly as N entries written out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/input_error.hpp"
#include "app/schema.hpp"
#include "app/yaml_document.hpp"

namespace dcsim::app {

// The most copies one entry may expand to, and the most groups a scenario may hold once expanded
// (each group adds its own recorder channels; docs/robustness.md, class 3).
inline constexpr std::int64_t kMaxGroupCopies = 1000;
inline constexpr std::size_t kMaxGroups = 10'000;
// Bytes of the file text parsed again to give each use of a template nodes of its own
// (app/group_templates.cpp); past it, further uses share the template's nodes.
inline constexpr std::size_t kTemplateReparseBytes = 8u << 20;

// Where the template-provided values of the merged groups came from, to name the template in errors.
class GroupTemplates {
 public:
  // Takes `it.templates` out of `doc` and merges into each `it.groups[i]` the template its `extends`
  // names, removing `extends`. Throws InputException (every error of the templates at once).
  static GroupTemplates apply(YamlDocument& doc);

  // `e` with the errors about template-provided values naming the template ("from template 'gpu'
  // (it.templates.gpu.peak_power)"), the same error of several groups from one template shown once.
  InputException annotate(const InputException& e) const;

 public:
  // A value the template gave a group, the group lacking the key.
  struct Provided {
    std::string group_path;     // it.groups[3].embodied.act
    std::string template_path;  // it.templates.gpu.embodied.act
    std::string name;           // gpu
  };

 private:
  std::string file_;  // errors of other files (a baseline reference) are left as they are
  std::vector<Provided> provided_;
};

// The names of the groups that written entry `g` stands for: its `name` alone, or with `copies: N`
// the name pattern with `{n}` (1..N) or `{n:0W}` (zero-padded to W digits) replaced. Throws
// InputException at `name` for a bad placeholder, or a pattern without one when N > 1.
std::vector<std::string> group_copy_names(const Reader& g);

}  // namespace dcsim::app

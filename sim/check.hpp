// Parameter checks shared by every layer. A model constructor that is given impossible physics
// throws ParameterError with a message that echoes the bad value; the scenario loader catches it and
// adds the file, line and key path of the component, so the user sees where the value came from.
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <fmt/format.h>

namespace dcsim {

class ParameterError : public std::invalid_argument {
 public:
  // `key` is the parameter's name relative to its component ("efficiency", "pumps[1].head_pa"),
  // or empty when the message names it already.
  ParameterError(std::string key, const std::string& message)
      : std::invalid_argument(message), key_(std::move(key)) {}
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

// require(cond, "efficiency", "must be in (0, 1] (got {})", eta)
template <typename... Args>
inline void require(bool cond, const char* key, fmt::format_string<Args...> what, Args&&... args) {
  if (!cond) {
    throw ParameterError(key, fmt::format("{} {}", key, fmt::format(what, std::forward<Args>(args)...)));
  }
}

}  // namespace dcsim

// Test support: runs a program (dcsim itself, Python, Graphviz) through the shell and captures its
// standard output, standard error and exit status.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace dcsim::test {

struct Outcome {
  bool exited = false;  // false: killed by a signal
  int status = -1;      // the exit status if exited, else -1
  std::string out, err;
};

// `s` as one word of a POSIX shell command: in single quotes, a quote inside written '\''.
inline std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  q += '\'';
  return q;
}

// Runs the shell command `cmd` with its stdout and stderr sent to the files `stdout` and `stderr`
// of `capture` (a redirection of stdout inside `cmd` is overridden by that one).
inline Outcome run_shell(const std::string& cmd, const std::filesystem::path& capture) {
  const std::string full = cmd + " >" + shell_quote((capture / "stdout").string()) + " 2>" +
                           shell_quote((capture / "stderr").string());
  const int raw = std::system(full.c_str());
  Outcome o;
  o.exited = raw != -1 && WIFEXITED(raw);
  o.status = o.exited ? WEXITSTATUS(raw) : -1;
  o.out = slurp(capture / "stdout");
  o.err = slurp(capture / "stderr");
  return o;
}

// Runs `program args...` (each quoted), capturing as run_shell does.
inline Outcome run_program(const std::string& program, const std::vector<std::string>& args,
                           const std::filesystem::path& capture) {
  std::string cmd = shell_quote(program);
  for (const auto& a : args) cmd.append(" ").append(shell_quote(a));
  return run_shell(cmd, capture);
}

// Runs the dcsim program of this build with `args`.
inline Outcome run_dcsim(const std::vector<std::string>& args, const std::filesystem::path& capture) {
  return run_program(DCSIM_BINARY, args, capture);
}

}  // namespace dcsim::test

// The sweep commands of the command line (app/cli.cpp dispatches to them):
//   dcsim sweep SWEEP.yaml -o OUT.h5 [-j N] [--shard K/N] [--resume] [--quiet]
//   dcsim merge SHARD.h5 ... -o OUT.h5
//   dcsim validate SWEEP.yaml           (validate_sweep: expands and checks every case)
// A bad command line or unusable files throw output::SweepFileError (exit status 2).
#pragma once

#include <string>
#include <vector>

namespace dcsim::app {

int cmd_sweep(const std::vector<std::string>& args);
int cmd_merge(const std::vector<std::string>& args);
int validate_sweep(const std::string& path, const std::vector<std::string>& sets);

}  // namespace dcsim::app

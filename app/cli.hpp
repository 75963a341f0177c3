// The dcsim command line: run, validate, sweep, merge, sites, graph (see ../shared DESIGN and
// docs/cli.md). Exit status 0 success, 2 bad input, 1 internal failure.
#pragma once

namespace dcsim::app {

int main_cli(int argc, char** argv);

}  // namespace dcsim::app

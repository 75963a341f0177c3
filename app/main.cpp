// The dcsim program. All the work is in the app layer (app/cli.cpp); this only hands over argv.
#include <cstdio>
#include <cstdlib>

#include "app/cli.hpp"
#include "output/h5_file.hpp"

int main(int argc, char** argv) {
  const int status = dcsim::app::main_cli(argc, argv);
  if (dcsim::output::h5::write_failed()) {
    // A write failed (a full disk) and was reported; the temporaries are gone. HDF5's clean-up at
    // exit would crash on the file whose close failed, so end without it.
    std::fflush(nullptr);
    std::_Exit(status);
  }
  return status;
}

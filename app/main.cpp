// The dcsim program. All the work is in the app layer (app/cli.cpp); this only hands over argv.
#include "app/cli.hpp"

int main(int argc, char** argv) { return dcsim::app::main_cli(argc, argv); }

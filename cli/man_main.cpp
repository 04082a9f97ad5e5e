// httpxx_cli_man FILE: writes the man page httpxx(1) to FILE (a build step).
#include <fstream>
#include <iostream>

#include "manual.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: httpxx_cli_man FILE\n";
    return 2;
  }
  std::ofstream file(argv[1], std::ios::binary | std::ios::trunc);
  file << httpxx::cli::man_page();
  file.close();
  if (!file) {
    std::cerr << "httpxx_cli_man: cannot write " << argv[1] << "\n";
    return 1;
  }
  return 0;
}

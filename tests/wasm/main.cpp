// main() of the blocking wasm test programs.
//
// Under -sASYNCIFY, Emscripten 3.1.6 loses main's return value once main has
// slept (the process would exit with 0 after failures), so the result goes
// through exit() explicitly.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdlib>

int main(int argc, char** argv) {
  int failed = doctest::Context(argc, argv).run();
  std::exit(failed != 0 ? 1 : 0);
}

#!/usr/bin/env bash
# The whole test suite: installs what it needs, builds native (g++), native
# with ASan+UBSan (clang) and WebAssembly (Emscripten: the library build and
# the -sASYNCIFY test build), runs ctest for both native builds, then
# `node --test` (the wasm unit and API suites under Node.js, the JS bindings,
# the API suite and the browser test in headless Chromium, and the test
# server's own tests).
# Exits non-zero on the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

bash scripts/setup.sh

step() { printf '\n==== %s\n' "$*"; }

step "native: build (g++ 12, warnings as errors)"
cmake --preset native >/dev/null
cmake --build --preset native
step "native: ctest"
ctest --preset native

step "native-asan: build (clang 14, ASan+UBSan)"
cmake --preset native-asan >/dev/null
cmake --build --preset native-asan
step "native-asan: ctest"
ctest --preset native-asan

step "wasm: build (Emscripten 3.1.6): the library, its unit suite and the JS module"
cmake --preset wasm >/dev/null
cmake --build --preset wasm

step "wasm-tests: build (-sASYNCIFY test programs: the API suite under Node.js and in Chromium)"
cmake --preset wasm-tests >/dev/null
cmake --build --preset wasm-tests

step "node --test"
node --test tests/js/

printf '\nall suites passed in %ss\n' "$(( $(date +%s) - started ))"

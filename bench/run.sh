#!/usr/bin/env bash
# The benchmark suite in one command: builds the bench programs (preset
# native-release, bench targets only) and the wasm JS module (preset wasm) if it
# is missing, then runs `node bench/run.mjs` (nginx, the rounds, the report in
# docs/BENCHMARKS.md and docs/benchmarks.svg). Arguments go to run.mjs:
#
#   bash bench/run.sh                 # 5 rounds
#   bash bench/run.sh --rounds 3 --only A,B
#   bash bench/run.sh --smoke         # tiny counts, report in a temporary directory
#
# HTTPXX_BENCH_BUILD_DIR and HTTPXX_BENCH_WASM_DIR choose other build
# directories (defaults build/native-release and build/wasm).
set -euo pipefail
cd "$(dirname "$0")/.."

build=${HTTPXX_BENCH_BUILD_DIR:-build/native-release}
wasm=${HTTPXX_BENCH_WASM_DIR:-build/wasm}

cmake --preset native-release -B "$build" >/dev/null
cmake --build "$build" -j2 --target httpxx_bench httpxx_alloc_bench curl_bench httplib_bench

if [ ! -f "$wasm/js/httpxx.mjs" ]; then
  cmake --preset wasm -B "$wasm" >/dev/null
  cmake --build "$wasm" -j2 --target httpxx_js
fi

exec node bench/run.mjs --build-dir "$build" --js-dir "$wasm/js" "$@"

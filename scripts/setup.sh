#!/usr/bin/env bash
# Installs the Debian and npm packages httpxx uses. Idempotent: on a ready
# machine it checks and returns in seconds.
#   setup.sh          everything: native and WebAssembly builds, every test
#                     suite (Node.js, Chromium), the benchmarks' peers
#   setup.sh native   only what building the native library (and its CLI)
#                     needs; configure with -DHTTPXX_BUILD_TESTS=OFF, since
#                     the test suites need Node.js
set -euo pipefail
cd "$(dirname "$0")/.."

native=(
  g++ cmake ninja-build pkg-config
  libboost1.81-dev        # Boost.URL, Boost.JSON (lib/), Boost.Asio (platform/native/)
  libssl-dev              # TLS for the native transport
  node-llhttp             # HTTP/1.1 response parser (C sources)
  zlib1g-dev libbrotli-dev libzstd-dev   # content decoding (native)
  libnghttp2-dev          # HTTP/2 framing, HPACK, flow control (native)
  doctest-dev             # unit and API test framework (header only)
)
mode=${1:-all}
case $mode in
native | all) ;;
*)
  echo "usage: bash scripts/setup.sh [native]" >&2
  exit 2
  ;;
esac

debs=("${native[@]}")
[ "$mode" = native ] || debs+=(
  git
  openssl                 # the test server's certificates
  clang-14 libclang-rt-14-dev            # sanitizer builds
  clang-format            # the suite checks the C++ sources' formatting (tests/format_check.sh)
  emscripten              # wasm build (3.1.6)
  chromium                # browser tests (driven by playwright-core)
  zstd                    # the test server's zstd responses
  doxygen                 # the C++ API reference, built by the suite (tests/docs/)
  tmux                    # the CLI's tests in a real terminal (tests/js/cli_terminal.test.mjs)
  nginx-light             # bench/: the server the benchmarks measure against
  wrk                     # bench/: the load generator (the ceiling in A, B, C)
  nghttp2-client          # bench/: h2load, the HTTP/2 load generator
  libcurl4-openssl-dev    # bench/: libcurl, the peer of most scenarios
  libcpp-httplib-dev      # bench/: cpp-httplib (0.11.4), a peer in scenario A
)

missing=()
# Node.js 20 (with npm) runs the test server, node --test and the wasm tests.
# Machines that ship a newer nodejs build keep it; otherwise Debian's is used.
if [ "$mode" = all ]; then
  command -v node >/dev/null && command -v npm >/dev/null || debs+=(nodejs npm)
fi
for p in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm dependencies (package-lock.json pins them); skip when node_modules is current.
if [ "$mode" = all ] && [ -f package-lock.json ]; then
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
echo "setup: ready ($mode)"

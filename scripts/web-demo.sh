#!/usr/bin/env bash
# Builds the WebAssembly module and serves the web demo (page + demo server on
# 127.0.0.1); open the printed URL in a browser. Ctrl-C stops it.
#   bash scripts/web-demo.sh [--port N]     (the page's port; default: any free one)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset wasm >/dev/null
cmake --build --preset wasm --target httpxx_js
exec node web-demo/serve.mjs "$@"

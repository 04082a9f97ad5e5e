#!/usr/bin/env bash
# The main job: installs what it needs, builds the library and its demo,
# starts the bundled server on 127.0.0.1 (an ephemeral port), runs the demo
# against it and stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset native >/dev/null
cmake --build --preset native --target httpxx_demo
node tests/server/with-server.mjs -- sh -c 'exec build/native/examples/httpxx_demo "$HTTPXX_TEST_HTTP"'

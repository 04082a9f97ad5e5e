#!/usr/bin/env bash
# Proves httpxx can be used the three ways a C++ user would: installed and
# found with find_package, installed and found with pkg-config, and built
# from source with add_subdirectory. Each consumer is built and run.
#   run.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null

echo "== find_package(httpxx)"
cmake -S "$source/tests/packaging/consumer" -B "$work/cmake" -G Ninja \
  -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$work/cmake" >/dev/null
"$work/cmake/consumer" | tee "$work/out1"
grep -qx "hello /world" "$work/out1"

echo "== pkg-config httpxx"
# shellcheck disable=SC2046
g++ "$source/tests/packaging/consumer.cpp" -o "$work/pc-consumer" \
  $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs httpxx)
"$work/pc-consumer" | tee "$work/out2"
grep -qx "hello /world" "$work/out2"

echo "== add_subdirectory(httpxx)"
cmake -S "$source/tests/packaging/subdirectory" -B "$work/sub" -G Ninja \
  -DHTTPXX_SOURCE_DIR="$source" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/sub" -j2 >/dev/null
"$work/sub/consumer" | tee "$work/out3"
grep -qx "hello /world" "$work/out3"
echo "packaging: all three ways work"

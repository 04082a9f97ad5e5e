#!/usr/bin/env bash
# Proves httpxx can be used the ways a C++ user would. Each consumer is built
# and run.
#   run.sh static BUILD_DIR SOURCE_DIR
#     the static library of BUILD_DIR, installed, found with find_package and
#     with pkg-config
#   run.sh shared SOURCE_DIR
#     built from source with add_subdirectory and BUILD_SHARED_LIBS=ON; that
#     build is then installed (the library is compiled once) and the shared
#     library found with find_package and with pkg-config
set -euo pipefail
mode=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# find_package and pkg-config consumers of the copy installed in PREFIX.
# Extra arguments go to the pkg-config consumer's link line.
consume_installed() {
  local prefix=$1
  shift
  echo "== find_package(httpxx)"
  cmake -S "$source/tests/packaging/consumer" -B "$work/cmake" -G Ninja \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Debug >/dev/null
  cmake --build "$work/cmake" >/dev/null
  "$work/cmake/consumer" | tee "$work/out1"
  grep -qx "hello /world" "$work/out1"

  echo "== pkg-config httpxx"
  # shellcheck disable=SC2046
  g++ "$source/tests/packaging/consumer.cpp" -o "$work/pc-consumer" \
    $(PKG_CONFIG_PATH="$prefix/lib/pkgconfig" pkg-config --cflags --libs httpxx) "$@"
  "$work/pc-consumer" | tee "$work/out2"
  grep -qx "hello /world" "$work/out2"
}

# Prints the dynamic section entries of kind KIND (NEEDED, SONAME) of FILE.
dynamic() { readelf -d "$2" | sed -n "s/.*($1).*\[\(.*\)\]/\1/p"; }

case $mode in
static)
  build=$1
  source=$2
  cmake --install "$build" --prefix "$work/prefix" >/dev/null
  test -f "$work/prefix/lib/libhttpxx.a"
  consume_installed "$work/prefix"
  echo "packaging (static): find_package and pkg-config work"
  ;;
shared)
  source=$1
  version=$(sed -n 's/^project(httpxx VERSION \([0-9.]*\).*/\1/p' "$source/CMakeLists.txt")
  major=${version%%.*}
  soversion=$major
  if [ "$major" = 0 ]; then soversion=$(echo "$version" | cut -d. -f1,2); fi

  echo "== add_subdirectory(httpxx), BUILD_SHARED_LIBS=ON"
  cmake -S "$source/tests/packaging/subdirectory" -B "$work/sub" -G Ninja \
    -DHTTPXX_SOURCE_DIR="$source" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON >/dev/null
  cmake --build "$work/sub" -j2 >/dev/null
  "$work/sub/consumer" | tee "$work/out3"
  grep -qx "hello /world" "$work/out3"
  dynamic NEEDED "$work/sub/consumer" | grep -qx "libhttpxx.so.$soversion"

  echo "== the shared library, installed: libhttpxx.so.$version, SONAME libhttpxx.so.$soversion"
  cmake --install "$work/sub" --prefix "$work/prefix" >/dev/null
  lib=$work/prefix/lib
  test -f "$lib/libhttpxx.so.$version" && test ! -e "$lib/libhttpxx.a"
  test "$(readlink "$lib/libhttpxx.so.$soversion")" = "libhttpxx.so.$version"
  test "$(readlink "$lib/libhttpxx.so")" = "libhttpxx.so.$soversion"
  test "$(dynamic SONAME "$lib/libhttpxx.so.$version")" = "libhttpxx.so.$soversion"
  grep -q "^Libs.private: .*-lssl" "$lib/pkgconfig/httpxx.pc"

  consume_installed "$work/prefix" "-Wl,-rpath,$lib"
  for consumer in "$work/cmake/consumer" "$work/pc-consumer"; do
    dynamic NEEDED "$consumer" | grep -qx "libhttpxx.so.$soversion"
  done
  echo "packaging (shared): add_subdirectory, find_package and pkg-config work"
  ;;
*)
  echo "usage: run.sh static BUILD_DIR SOURCE_DIR | run.sh shared SOURCE_DIR" >&2
  exit 2
  ;;
esac

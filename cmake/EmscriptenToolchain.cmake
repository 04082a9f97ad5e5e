# Debian's Emscripten 3.1.6, with the facts of this toolchain handled here so
# that users of the wasm preset need not know them:
# - emcc runs its JS optimiser with the machine's Node.js, which does not
#   look in /usr/share/nodejs (where Debian keeps acorn): every compiler and
#   linker call gets NODE_PATH through a launcher.
# - exceptions are off by default: native wasm exceptions, at compile and
#   link time.
# - symmetric transfer between coroutines needs wasm tail calls.
# - HTTPXX_WASM_ASYNCIFY=ON (preset wasm-tests) builds for programs linked
#   with -sASYNCIFY, whose httpxx::run() may block: 3.1.6's Asyncify pass
#   rejects native wasm exceptions and any tail call in the module, so that
#   build uses JS exceptions (-fexceptions) and no tail calls (httpxx::Task
#   then resumes continuations by plain calls).
include(/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake)

set(ENV{NODE_PATH} /usr/share/nodejs)
set(CMAKE_C_COMPILER_LAUNCHER env NODE_PATH=/usr/share/nodejs CACHE STRING "" FORCE)
set(CMAKE_CXX_COMPILER_LAUNCHER env NODE_PATH=/usr/share/nodejs CACHE STRING "" FORCE)
set(CMAKE_C_LINKER_LAUNCHER env NODE_PATH=/usr/share/nodejs CACHE STRING "" FORCE)
set(CMAKE_CXX_LINKER_LAUNCHER env NODE_PATH=/usr/share/nodejs CACHE STRING "" FORCE)

option(HTTPXX_WASM_ASYNCIFY "Build for -sASYNCIFY programs (JS exceptions, no tail calls)" OFF)
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES HTTPXX_WASM_ASYNCIFY)
if(HTTPXX_WASM_ASYNCIFY)
  set(_httpxx_eh -fexceptions)
else()
  set(_httpxx_eh "-fwasm-exceptions -mtail-call")
endif()
# Its libc++ has only <experimental/coroutine>; clang 14 warns that it is
# deprecated (httpxx/coro.hpp picks the header).
set(CMAKE_CXX_FLAGS_INIT "${_httpxx_eh} -Wno-deprecated-experimental-coroutine")
set(CMAKE_C_FLAGS_INIT "${_httpxx_eh}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${_httpxx_eh}")

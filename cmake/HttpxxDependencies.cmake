# Third-party dependencies, all from Debian packages (see docs/DEPENDENCIES.md).
#
# Boost (URL, JSON, and natively Asio) is used header-only. Under Emscripten
# the system include folder must never be on the include path (its glibc
# headers would shadow Emscripten's libc), so the build tree gets a folder
# that holds only links to the headers we need.

if(EMSCRIPTEN)
  # Emscripten's .js output is CommonJS; the project's package.json says
  # "type": "module", so the build tree declares its own type.
  file(WRITE ${PROJECT_BINARY_DIR}/package.json "{ \"type\": \"commonjs\" }\n")
  set(HTTPXX_WASM_INCLUDE ${PROJECT_BINARY_DIR}/wasm-include)
  file(MAKE_DIRECTORY ${HTTPXX_WASM_INCLUDE})
  foreach(dir boost doctest)
    if(NOT EXISTS ${HTTPXX_WASM_INCLUDE}/${dir})
      file(CREATE_LINK /usr/include/${dir} ${HTTPXX_WASM_INCLUDE}/${dir} SYMBOLIC)
    endif()
  endforeach()
  add_library(httpxx_boost INTERFACE)
  target_include_directories(httpxx_boost SYSTEM INTERFACE ${HTTPXX_WASM_INCLUDE})
  target_compile_definitions(httpxx_boost INTERFACE BOOST_URL_NO_LIB BOOST_JSON_NO_LIB)
  # What the installed library asks of its users: the links exist only in
  # the build tree.
  set(HTTPXX_BOOST_USAGE $<BUILD_INTERFACE:httpxx_boost>)
  add_library(httpxx_doctest INTERFACE)
  target_include_directories(httpxx_doctest SYSTEM INTERFACE ${HTTPXX_WASM_INCLUDE})
else()
  find_package(Boost 1.81 REQUIRED CONFIG)
  add_library(httpxx_boost ALIAS Boost::headers)
  set(HTTPXX_BOOST_USAGE Boost::headers)
  find_package(Threads REQUIRED)
  find_package(doctest CONFIG)
  add_library(httpxx_doctest INTERFACE)
  if(TARGET doctest::doctest)
    target_link_libraries(httpxx_doctest INTERFACE doctest::doctest)
  endif()
endif()

# The platform boundary, checked before every build of the core (target
# httpxx_boundary, lib/CMakeLists.txt):
#
# 1. Nothing in lib/ includes a platform's headers: Asio, OpenSSL, llhttp,
#    Emscripten, the codec libraries (zlib, brotli, zstd), or a file of
#    platform/ (the core is compiled without their include paths, but Boost,
#    OpenSSL and the codecs live on the system path, so the compiler alone
#    cannot refuse them).
# 2. A platform sees of lib/src only the seam, platform.hpp, and what it
#    lists: the async toolkit (async/), decoding/content_decoder.hpp,
#    recycling_allocator.hpp and limit_errors.hpp.
#
# Usage: cmake -DROOT=<source dir> -P cmake/check_boundary.cmake

set(forbidden_in_core "boost/asio" "<asio" "openssl/" "llhttp" "emscripten" "zlib.h" "brotli/"
                      "zstd.h" "platform/" "../")
set(seam_for_platforms "platform.hpp" "decoding/content_decoder.hpp" "recycling_allocator.hpp"
                       "limit_errors.hpp")

set(problems "")

file(GLOB_RECURSE core_files ${ROOT}/lib/*.hpp ${ROOT}/lib/*.cpp)
foreach(file ${core_files})
  file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include")
  foreach(line ${includes})
    foreach(name ${forbidden_in_core})
      string(FIND "${line}" "${name}" at)
      if(NOT at EQUAL -1)
        file(RELATIVE_PATH shown ${ROOT} ${file})
        string(APPEND problems "  ${shown}: ${line} (the core names nothing of a platform)\n")
      endif()
    endforeach()
  endforeach()
endforeach()

file(GLOB_RECURSE platform_files ${ROOT}/platform/*.hpp ${ROOT}/platform/*.cpp)
foreach(file ${platform_files})
  get_filename_component(dir ${file} DIRECTORY)
  file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line ${includes})
    string(REGEX REPLACE "^[^\"]*\"([^\"]*)\".*$" "\\1" name "${line}")
    if(EXISTS ${dir}/${name} OR NOT EXISTS ${ROOT}/lib/src/${name})
      continue()  # the platform's own header, or a public one
    endif()
    list(FIND seam_for_platforms "${name}" listed)
    string(FIND "${name}" "async/" toolkit)
    if(listed EQUAL -1 AND NOT toolkit EQUAL 0)
      file(RELATIVE_PATH shown ${ROOT} ${file})
      string(APPEND problems
             "  ${shown}: ${line} (a platform sees of lib/src only what platform.hpp lists)\n")
    endif()
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "The platform boundary is broken:\n${problems}")
endif()

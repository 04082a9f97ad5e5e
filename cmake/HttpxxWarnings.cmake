# Warning flags for every httpxx target; errors when HTTPXX_WERROR is on.
function(httpxx_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wimplicit-fallthrough)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # g++ 12 at -O2/-O3 reports -Wrestrict inside libstdc++ for `"literal" + std::string`
    # (GCC bug 105329, fixed in 13): a false positive, so it is not made an error there.
    target_compile_options(${target} PRIVATE $<$<NOT:$<CONFIG:Debug>>:-Wno-restrict>)
  endif()
  if(HTTPXX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

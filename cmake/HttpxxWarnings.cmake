# Warnings for httpxx's own targets (never imposed on users' code).
function(httpxx_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                                           -Wnon-virtual-dtor -Wimplicit-fallthrough)
  if(HTTPXX_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

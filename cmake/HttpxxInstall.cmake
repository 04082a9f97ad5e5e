# cmake --install: headers, the library, a CMake package and a pkg-config file.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

install(TARGETS httpxx EXPORT httpxxTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY lib/include/httpxx DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT httpxxTargets NAMESPACE httpxx:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/httpxx)
configure_package_config_file(cmake/httpxxConfig.cmake.in
  ${PROJECT_BINARY_DIR}/httpxxConfig.cmake INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/httpxx)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/httpxxConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/httpxxConfig.cmake ${PROJECT_BINARY_DIR}/httpxxConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/httpxx)
configure_file(cmake/httpxx.pc.in ${PROJECT_BINARY_DIR}/httpxx.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/httpxx.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

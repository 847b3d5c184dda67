# FindZ3: locates Z3 (Debian's libz3-dev ships z3.pc but no CMake config).
# Defines the imported target Z3::Z3 and Z3_VERSION.
include(FindPackageHandleStandardArgs)
find_package(Z3 CONFIG QUIET NO_MODULE)
if(TARGET z3::libz3 AND NOT TARGET Z3::Z3)
  add_library(Z3::Z3 INTERFACE IMPORTED)
  set_target_properties(Z3::Z3 PROPERTIES INTERFACE_LINK_LIBRARIES z3::libz3)
endif()
if(NOT TARGET Z3::Z3)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(PC_Z3 QUIET z3)
  endif()
  find_path(Z3_INCLUDE_DIR NAMES z3++.h HINTS ${PC_Z3_INCLUDE_DIRS} PATH_SUFFIXES z3)
  find_library(Z3_LIBRARY NAMES z3 libz3 HINTS ${PC_Z3_LIBRARY_DIRS})
  if(PC_Z3_VERSION)
    set(Z3_VERSION ${PC_Z3_VERSION})
  endif()
  find_package_handle_standard_args(Z3
    REQUIRED_VARS Z3_LIBRARY Z3_INCLUDE_DIR
    VERSION_VAR Z3_VERSION
    FAIL_MESSAGE "Z3 not found: install the Debian package libz3-dev (sudo apt-get install libz3-dev), or run scripts/setup.sh")
  if(Z3_FOUND)
    add_library(Z3::Z3 UNKNOWN IMPORTED)
    set_target_properties(Z3::Z3 PROPERTIES
      IMPORTED_LOCATION "${Z3_LIBRARY}"
      INTERFACE_INCLUDE_DIRECTORIES "${Z3_INCLUDE_DIR}")
  endif()
else()
  set(Z3_FOUND TRUE)
endif()
mark_as_advanced(Z3_INCLUDE_DIR Z3_LIBRARY)

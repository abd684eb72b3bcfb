# Finds a usable Clang 19 for query-check without ever failing the configure.
#
# find_package(Clang) on its own is fragile on real machines: it falls through to any other
# ClangConfig.cmake on the search path (Debian's image ships clang-14's config without
# libclang-14-dev, whose imported targets name files that are not there, a fatal error), and
# the Clang_DIR a failed attempt caches poisons every later configure. So this looks only at
# Clang 19 config directories, checks that every file their imported targets name exists, and
# only then calls find_package with the directory it checked.
#
# Input:  SQLX_CPP_CLANG_DIR (cache, optional): a directory holding Clang 19's ClangConfig.cmake.
# Output: sqlx_cpp_clang19 (ON/OFF); when ON, find_package(Clang) has run (clang-cpp, LLVM,
#         CLANG_INCLUDE_DIRS, LLVM_* variables); sqlx_cpp_clang19_why says why when OFF.

set(SQLX_CPP_CLANG_DIR "" CACHE PATH "Directory of Clang 19's ClangConfig.cmake (default: Debian's)")

# Sets `out` to "" when every file that the imported targets of the package in `config_dir`
# (its *Targets-*.cmake / *Exports-*.cmake files) will check for exists, else to the first
# missing one. Only the files the package itself checks count: Debian comments out the checks
# of programs it does not ship (clang-tblgen, ...).
function(sqlx_cpp_first_missing_import config_dir out)
  set(${out} "" PARENT_SCOPE)
  file(REAL_PATH "${config_dir}" real_dir)
  # Both Clang's and LLVM's configs live in <prefix>/lib/cmake/<name>.
  cmake_path(GET real_dir PARENT_PATH prefix)
  cmake_path(GET prefix PARENT_PATH prefix)
  cmake_path(GET prefix PARENT_PATH prefix)
  file(GLOB import_files "${real_dir}/*Targets-*.cmake" "${real_dir}/*Exports-*.cmake")
  if(NOT import_files)
    set(${out} "${real_dir}/*Targets-*.cmake" PARENT_SCOPE)
    return()
  endif()
  foreach(import_file IN LISTS import_files)
    file(STRINGS "${import_file}" lines
         REGEX "^list\\(APPEND _(cmake_import_check_files_for|IMPORT_CHECK_FILES_FOR)_")
    string(REGEX MATCHALL "\\\${_IMPORT_PREFIX}/[^\" )]+" paths "${lines}")
    list(REMOVE_DUPLICATES paths)
    foreach(path IN LISTS paths)
      string(REPLACE "\${_IMPORT_PREFIX}" "${prefix}" path "${path}")
      if(NOT EXISTS "${path}")
        set(${out} "${path}" PARENT_SCOPE)
        return()
      endif()
    endforeach()
  endforeach()
endfunction()

# Sets `out` to "" when `config_dir` holds a complete Clang 19 (and its LLVM), else to why not.
function(sqlx_cpp_clang19_problem config_dir out)
  if(NOT EXISTS "${config_dir}/ClangConfig.cmake")
    set(${out} "no ClangConfig.cmake in ${config_dir}" PARENT_SCOPE)
    return()
  endif()
  file(STRINGS "${config_dir}/ClangConfig.cmake" version_line REGEX "set\\(LLVM_VERSION ")
  if(NOT version_line MATCHES "LLVM_VERSION 19\\.")
    set(${out} "${config_dir} is not Clang 19 (${version_line})" PARENT_SCOPE)
    return()
  endif()
  file(REAL_PATH "${config_dir}/../llvm" llvm_dir)
  foreach(dir IN ITEMS "${config_dir}" "${llvm_dir}")
    sqlx_cpp_first_missing_import("${dir}" missing)
    if(missing)
      set(${out} "incomplete install: ${missing} is missing" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  set(${out} "" PARENT_SCOPE)
endfunction()

set(sqlx_cpp_clang19 OFF)
set(sqlx_cpp_clang19_why "")
# find_file honours CMAKE_IGNORE_PATH / CMAKE_IGNORE_PREFIX_PATH; NO_CACHE keeps a miss from
# being remembered once Clang 19 is installed.
if(SQLX_CPP_CLANG_DIR)
  set(sqlx_cpp_clang_candidates "${SQLX_CPP_CLANG_DIR}")
else()
  set(sqlx_cpp_clang_candidates /usr/lib/llvm-19/lib/cmake/clang /usr/lib/cmake/clang-19)
endif()
find_file(sqlx_cpp_clang_config ClangConfig.cmake PATHS ${sqlx_cpp_clang_candidates}
          NO_DEFAULT_PATH NO_CACHE)
if(NOT sqlx_cpp_clang_config)
  list(JOIN sqlx_cpp_clang_candidates ", " sqlx_cpp_looked_in)
  set(sqlx_cpp_clang19_why "no Clang 19 CMake package in ${sqlx_cpp_looked_in}")
else()
  cmake_path(GET sqlx_cpp_clang_config PARENT_PATH sqlx_cpp_clang_dir)
  sqlx_cpp_clang19_problem("${sqlx_cpp_clang_dir}" sqlx_cpp_clang19_why)
endif()

if(sqlx_cpp_clang19_why)
  # Forget what any earlier configure (ours or a plain find_package) cached.
  unset(Clang_DIR CACHE)
  unset(LLVM_DIR CACHE)
else()
  file(REAL_PATH "${sqlx_cpp_clang_dir}" sqlx_cpp_clang_dir)
  set(Clang_DIR "${sqlx_cpp_clang_dir}" CACHE PATH "Clang 19's CMake package (checked)" FORCE)
  file(REAL_PATH "${sqlx_cpp_clang_dir}/../llvm" sqlx_cpp_llvm_dir)
  set(LLVM_DIR "${sqlx_cpp_llvm_dir}" CACHE PATH "LLVM 19's CMake package (checked)" FORCE)
  find_package(Clang CONFIG REQUIRED NO_DEFAULT_PATH PATHS "${sqlx_cpp_clang_dir}")
  set(sqlx_cpp_clang19 ON)
endif()

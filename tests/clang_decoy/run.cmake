# The clang_decoy test (tests/CMakeLists.txt): a configure must never fail because of some
# other, partial or broken Clang install, nor because an earlier configure cached one.
# It configures the project (libraries only) three times against decoys:
#   1. a ClangConfig.cmake on CMAKE_PREFIX_PATH and in a cached Clang_DIR that stops CMake if
#      it is ever read (what Debian's clang-14 config does without libclang-14-dev);
#   2. SQLX_CPP_CLANG_DIR pointing at a Clang 19 config whose libraries are missing: query-check
#      is left out and the output names the missing file;
#   3. the same build directory again without the decoys: Clang_DIR no longer names a decoy.
#
#   cmake -DSOURCE_DIR=<project> -DWORK_DIR=<scratch dir> -DGENERATOR=<generator>
#         [-DMAKE_PROGRAM=<ninja/make>] -P run.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var SOURCE_DIR WORK_DIR GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
set(decoy "${WORK_DIR}/decoy")
set(partial "${WORK_DIR}/partial19")

# Decoy 1: any use of it is fatal; its version file accepts every request, even 19.
file(WRITE "${decoy}/lib/cmake/clang/ClangConfig.cmake"
     "message(FATAL_ERROR \"the decoy ClangConfig.cmake was read\")\n")
file(WRITE "${decoy}/lib/cmake/clang/ClangConfigVersion.cmake"
     "set(PACKAGE_VERSION 19.1.7)\nset(PACKAGE_VERSION_COMPATIBLE TRUE)\n"
     "set(PACKAGE_VERSION_EXACT TRUE)\n")
# Decoy 2: a Clang 19 package whose imported targets name a library that is not there.
file(WRITE "${partial}/lib/cmake/clang/ClangConfig.cmake"
     "set(LLVM_VERSION 19.1.7)\nmessage(FATAL_ERROR \"the partial ClangConfig.cmake was read\")\n")
file(WRITE "${partial}/lib/cmake/clang/ClangTargets-release.cmake"
     "set_target_properties(clangBasic PROPERTIES\n"
     "  IMPORTED_LOCATION_RELEASE \"\${_IMPORT_PREFIX}/lib/libclangBasic.a\")\n"
     "list(APPEND _cmake_import_check_files_for_clangBasic "
     "\"\${_IMPORT_PREFIX}/lib/libclangBasic.a\" )\n")

set(common -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    -DSQLX_CPP_BUILD_TESTS=OFF -DSQLX_CPP_BUILD_BENCH=OFF -DSQLX_CPP_BUILD_EXAMPLES=OFF
    -DSQLX_CPP_INSTALL=OFF)
if(MAKE_PROGRAM)
  list(APPEND common "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()

# Configures with `args`; fails the test unless it succeeds. Output in `configure_output`.
function(configure what)
  execute_process(COMMAND "${CMAKE_COMMAND}" ${common} ${ARGN}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}: configure failed (${rc}):\n${out}${err}")
  endif()
  message(STATUS "${what}: configured")
  set(configure_output "${out}${err}" PARENT_SCOPE)
endfunction()

# The cached value of `name` in the build directory.
function(cached name out)
  file(STRINGS "${WORK_DIR}/build/CMakeCache.txt" line REGEX "^${name}:[A-Z]+=")
  string(REGEX REPLACE "^[^=]*=" "" value "${line}")
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

configure("broken config on the search path and in Clang_DIR"
          "-DCMAKE_PREFIX_PATH=${decoy}" "-DClang_DIR=${decoy}/lib/cmake/clang"
          "-DLLVM_DIR=${decoy}/lib/cmake/llvm")

configure("partial Clang 19 in SQLX_CPP_CLANG_DIR" "-DSQLX_CPP_CLANG_DIR=${partial}/lib/cmake/clang")
if(NOT configure_output MATCHES "query-check not built \\(incomplete install: [^\n]*libclangBasic\\.a is missing\\)")
  message(FATAL_ERROR "the partial Clang 19 was not reported as incomplete:\n${configure_output}")
endif()

configure("the same build directory without decoys" "-DSQLX_CPP_CLANG_DIR=" "-UCMAKE_PREFIX_PATH")
cached(Clang_DIR clang_dir)
if(clang_dir MATCHES "decoy|partial19")
  message(FATAL_ERROR "Clang_DIR still names a decoy: ${clang_dir}")
endif()
message(STATUS "Clang_DIR after the decoys: '${clang_dir}'")

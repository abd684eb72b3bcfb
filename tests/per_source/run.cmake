# The per_source_headers test (tests/CMakeLists.txt): installs the already built tree into a
# fresh prefix, builds tests/per_source against it with Ninja, then edits the metadata the way
# `sqlcheck prepare` would and checks from the build's output which sources recompile:
#   - nothing changed: none;
#   - the query of c.cpp only: c.cpp only;
#   - the query of shared.hpp (included by a.cpp and b.cpp): a.cpp and b.cpp only;
#   - c.cpp's query loses its metadata: c.cpp fails with the "run sqlcheck prepare" error.
# Every build also compiles two_headers.cpp, which includes the headers of a.cpp and b.cpp
# (both hold shared.hpp's query and row): the generated headers' guards must allow that.
#
#   cmake -DSQLX_BUILD_DIR=<build tree> -DPROJECT_DIR=<tests/per_source> -DWORK_DIR=<scratch>
#         -DCXX_COMPILER=<c++> -DMAKE_PROGRAM=<ninja> [-DCONFIG=<build type>]
#         [-DCXX_FLAGS=<flags>] [-DSANITIZE=ON] -P run.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var SQLX_BUILD_DIR PROJECT_DIR WORK_DIR CXX_COMPILER MAKE_PROGRAM)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()

set(prefix "${WORK_DIR}/prefix")
set(source "${WORK_DIR}/source")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${prefix}" "${source}" "${build}")
file(COPY "${PROJECT_DIR}/" DESTINATION "${source}")

set(config_args)
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${SQLX_BUILD_DIR}" --prefix "${prefix}"
                        ${config_args}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed (${rc}):\n${out}${err}")
endif()

# Only the compile flags matter here (nothing is linked), sanitizer ones included.
if(SANITIZE)
  string(APPEND CXX_FLAGS " -fsanitize=address,undefined -fno-omit-frame-pointer")
endif()
execute_process(
  COMMAND "${CMAKE_COMMAND}" -S "${source}" -B "${build}" -G Ninja
          "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-DCMAKE_PREFIX_PATH=${prefix}"
          "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
          "-DCMAKE_BUILD_TYPE=${CONFIG}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configure failed (${rc}):\n${out}${err}")
endif()

# Builds and checks which of a.cpp, b.cpp, c.cpp were compiled (Ninja's "Building CXX object"
# lines). `outcome` is "ok" or "fails".
function(build_expect what outcome)
  execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(REGEX MATCHALL "Building CXX object [^\n]*/([abc])\\.cpp\\.o" lines "${out}")
  set(compiled "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ".*/([abc])\\.cpp\\.o$" "\\1.cpp" name "${line}")
    list(APPEND compiled "${name}")
  endforeach()
  list(SORT compiled)
  set(expected "${ARGN}")
  if(NOT compiled STREQUAL expected)
    message(FATAL_ERROR "${what}: compiled [${compiled}], expected [${expected}]:\n${out}${err}")
  endif()
  if(outcome STREQUAL "ok" AND NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}: the build failed (${rc}):\n${out}${err}")
  endif()
  if(outcome STREQUAL "fails" AND rc EQUAL 0)
    message(FATAL_ERROR "${what}: the build succeeded, expected a failure:\n${out}${err}")
  endif()
  set(build_output "${out}${err}" PARENT_SCOPE)
  message(STATUS "${what}: compiled [${compiled}]")
endfunction()

# The metadata file of `query`, as `sqlcheck prepare` names it.
function(metadata_file query out_var)
  string(SHA256 hash "${query}")
  set(${out_var} "${source}/.sqlx-cpp/query-${hash}.json" PARENT_SCOPE)
endfunction()

# What a re-prepare after a schema change would write: the (single) column becomes nullable.
function(make_nullable query)
  metadata_file("${query}" file)
  file(READ "${file}" content)
  string(REGEX REPLACE "(\"nullable\": \\[[ \n]*)false" "\\1true" changed "${content}")
  if(changed STREQUAL content)
    message(FATAL_ERROR "no `nullable: [false]` in ${file}")
  endif()
  file(WRITE "${file}" "${changed}")
endfunction()

build_expect("first build" ok a.cpp b.cpp c.cpp)
build_expect("nothing changed" ok)

make_nullable("SELECT expires_at FROM oauth_credentials")
build_expect("c.cpp's query changed" ok c.cpp)

make_nullable("SELECT count(*) FROM oauth_credentials")
build_expect("shared.hpp's query changed" ok a.cpp b.cpp)

metadata_file("SELECT expires_at FROM oauth_credentials" c_metadata)
file(RENAME "${c_metadata}" "${WORK_DIR}/saved.json")
build_expect("c.cpp's query unprepared" fails c.cpp)
if(NOT build_output MATCHES "query_has_no_metadata[^\n]*run_sqlcheck_prepare")
  message(FATAL_ERROR "c.cpp's query unprepared: not the expected error:\n${build_output}")
endif()
file(RENAME "${WORK_DIR}/saved.json" "${c_metadata}")
build_expect("c.cpp's query prepared again" ok c.cpp)

# The find_package_consumer test (tests/CMakeLists.txt): installs the already built tree into a
# fresh prefix, then configures and builds tests/find_package against it with the same compiler
# and generator, and runs the program (no database: it just starts and exits).
#
#   cmake -DSQLX_BUILD_DIR=<build tree> -DCONSUMER_SOURCE_DIR=<tests/find_package>
#         -DWORK_DIR=<scratch dir> -DCXX_COMPILER=<c++> -DGENERATOR=<generator>
#         [-DMAKE_PROGRAM=<ninja/make>] [-DCONFIG=<build type>] [-DCXX_FLAGS=<flags>]
#         [-DEXE_LINKER_FLAGS=<flags>] [-DSANITIZE=ON] -P run.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var SQLX_BUILD_DIR CONSUMER_SOURCE_DIR WORK_DIR CXX_COMPILER GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()

# Runs a command; on failure prints its output and fails the test.
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${command}\n${out}")
  endif()
  message(STATUS "${what}: ok")
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${prefix}" "${build}")

set(config_args)
if(CONFIG)
  set(config_args --config "${CONFIG}")
endif()
run("install the build tree"
    "${CMAKE_COMMAND}" --install "${SQLX_BUILD_DIR}" --prefix "${prefix}" ${config_args})

# The consumer links a static libsqlx.a: a sanitized one needs the sanitizer runtime too.
if(SANITIZE)
  string(APPEND CXX_FLAGS " -fsanitize=address,undefined -fno-omit-frame-pointer")
  string(APPEND EXE_LINKER_FLAGS " -fsanitize=address,undefined")
endif()
set(configure_args
    -S "${CONSUMER_SOURCE_DIR}" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}")
if(MAKE_PROGRAM)
  list(APPEND configure_args "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(CONFIG)
  list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${CONFIG}")
endif()
run("configure the consumer" "${CMAKE_COMMAND}" ${configure_args})
run("build the consumer" "${CMAKE_COMMAND}" --build "${build}" ${config_args})

# The program found under the build dir (single- or multi-config layouts).
file(GLOB_RECURSE app LIST_DIRECTORIES false "${build}/app" "${build}/app.exe"
     "${build}/*/app" "${build}/*/app.exe")
if(NOT app)
  message(FATAL_ERROR "the consumer's program `app` was not found under ${build}")
endif()
list(GET app 0 app)
run("run the consumer" "${app}")

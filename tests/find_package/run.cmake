# The find_package_consumer test (tests/CMakeLists.txt): installs the already built tree into a
# fresh prefix, then configures and builds tests/find_package against it with the same compiler
# and generator, and runs the program (no database: it lists its embedded migrations). Then it
# adds, edits and removes a migration file and checks that each rebuild embeds exactly the
# files there are, with sqlx's checksums (SHA-384 of the bytes).
#
#   cmake -DSQLX_BUILD_DIR=<build tree> -DCONSUMER_SOURCE_DIR=<tests/find_package>
#         -DMIGRATIONS_SOURCE=<a migrations directory to copy>
#         -DWORK_DIR=<scratch dir> -DCXX_COMPILER=<c++> -DGENERATOR=<generator>
#         [-DMAKE_PROGRAM=<ninja/make>] [-DCONFIG=<build type>] [-DCXX_FLAGS=<flags>]
#         [-DEXE_LINKER_FLAGS=<flags>] [-DSANITIZE=ON] -P run.cmake
cmake_minimum_required(VERSION 3.25)

foreach(var SQLX_BUILD_DIR CONSUMER_SOURCE_DIR MIGRATIONS_SOURCE WORK_DIR CXX_COMPILER GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run.cmake: -D${var}=... is required")
  endif()
endforeach()

# Runs a command; on failure prints its output and fails the test. Its standard output is
# left in `run_output`.
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN ARGN " " command)
    message(FATAL_ERROR "${what} failed (${rc}):\n  ${command}\n${out}${err}")
  endif()
  message(STATUS "${what}: ok")
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix "${WORK_DIR}/prefix")
set(build "${WORK_DIR}/build")
set(migrations "${WORK_DIR}/migrations")
file(REMOVE_RECURSE "${prefix}" "${build}" "${migrations}")
file(COPY "${MIGRATIONS_SOURCE}/" DESTINATION "${migrations}")

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
    "-DMIGRATIONS_DIR=${migrations}"
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

# What the program must list: `<version> <sha384>` per migration file, in version order (file
# names sort by version here: same digit counts; a version's .down.sql sorts before its .up.sql
# but is listed after it).
function(expect_embedded what)
  file(GLOB files RELATIVE "${migrations}" "${migrations}/*.sql")
  list(SORT files)
  set(expected "")
  set(downs "")
  foreach(name IN LISTS files)
    string(REGEX MATCH "^[0-9]+" version "${name}")
    file(SHA384 "${migrations}/${name}" checksum)
    if(name MATCHES "\\.down\\.sql$")
      string(APPEND downs "${version} ${checksum}\n")
    else()
      string(APPEND expected "${version} ${checksum}\n${downs}")
      set(downs "")
    endif()
  endforeach()
  string(APPEND expected "${downs}")
  run("${what}: run the consumer" "${app}")
  if(NOT run_output STREQUAL expected)
    message(FATAL_ERROR "${what}: the program embeds\n${run_output}\nexpected\n${expected}")
  endif()
endfunction()

expect_embedded("first build")

file(WRITE "${migrations}/20990101000000_added_later.sql" "CREATE TABLE later (id int);\n")
run("rebuild after adding a migration" "${CMAKE_COMMAND}" --build "${build}" ${config_args})
expect_embedded("added file")

file(WRITE "${migrations}/20990101000000_added_later.sql" "CREATE TABLE later (id bigint);\n")
run("rebuild after editing a migration" "${CMAKE_COMMAND}" --build "${build}" ${config_args})
expect_embedded("edited file")

file(REMOVE "${migrations}/20990101000000_added_later.sql")
run("rebuild after removing a migration" "${CMAKE_COMMAND}" --build "${build}" ${config_args})
expect_embedded("removed file")

# CMake functions of sqlx-cpp (docs/cmake.md). Included by the project
# itself (add_subdirectory / FetchContent: sqlx::sqlcheck is an alias of the built program) and
# by the installed package's config file (sqlx::sqlcheck is the imported, installed program).

# The functions keep the policies of this file whatever the caller's cmake_minimum_required
# (include() scopes this; functions record the policies they are defined with): CMP0116 NEW
# for the depfile of sqlx_cpp_check's command.
cmake_policy(VERSION 3.25)

# sqlx_cpp_check(<target> [METADATA_DIR dir])
# SQLX_CPP_CLANG_PLUGIN (default OFF): also load the query-check plugin when compiling with clang 19.
# Generates one checked-query header per C++ source of <target> from `.sqlx-cpp/` (no
# database), holding the queries of the source and of the headers it includes, and makes each
# source see its own through <sqlx/sqlx.hpp>. The headers are regenerated when a metadata file
# is added, removed or changed, or a source or a header they read changes, and each is
# rewritten only when its content changes: editing one query recompiles only the sources that
# use it (docs/cmake.md).
option(SQLX_CPP_CLANG_PLUGIN "Load the query-check plugin in sqlx_cpp_check() targets (clang 19)" OFF)

function(sqlx_cpp_check target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "METADATA_DIR" "")
  if(NOT TARGET sqlx::sqlcheck)
    message(FATAL_ERROR "sqlx_cpp_check(${target}): no sqlx::sqlcheck target; use "
                        "find_package(sqlx-cpp), add_subdirectory or FetchContent first")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "sqlx_cpp_check(${target}): no such target")
  endif()
  if(NOT arg_METADATA_DIR)
    set(arg_METADATA_DIR "${PROJECT_SOURCE_DIR}/.sqlx-cpp")
  endif()
  get_filename_component(metadata_dir "${arg_METADATA_DIR}" ABSOLUTE)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/sqlx_cpp/${target}")
  # Each source's definition names its header through this property of the target compiling
  # it, so that a source shared by two checked targets gets each target's own header.
  set_property(TARGET ${target} PROPERTY SQLX_CPP_QUERIES_DIR "${out_dir}")
  # The sources are read at the end of the current directory, so that sources added after
  # this call (target_sources) get their header too.
  cmake_language(EVAL CODE "cmake_language(DEFER CALL _sqlx_cpp_check_sources [[${target}]] \
                            [[${metadata_dir}]] [[${out_dir}]])")

  # The query-check plugin (docs/query-check.md): with clang 19 and SQLX_CPP_CLANG_PLUGIN=ON,
  # the compile itself reports each problem at its exact place (argument, field, character of
  # the SQL) in place of the header's errors. It reads the same metadata directory.
  if(SQLX_CPP_CLANG_PLUGIN AND CMAKE_CXX_COMPILER_ID STREQUAL "Clang"
     AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 19
     AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 20)
    if(NOT TARGET sqlx::query_check_plugin)
      message(FATAL_ERROR "sqlx_cpp_check(${target}): SQLX_CPP_CLANG_PLUGIN is ON but sqlx-cpp "
                          "was built without query-check (SQLX_CPP_QUERY_CHECK)")
    endif()
    target_compile_options(${target} PRIVATE
      "-fplugin=$<TARGET_FILE:sqlx::query_check_plugin>"
      "-fplugin-arg-sqlx_query_check-metadata=${metadata_dir}")
    get_target_property(plugin_target sqlx::query_check_plugin ALIASED_TARGET)
    if(plugin_target)
      add_dependencies(${target} ${plugin_target})
    endif()
  endif()
endfunction()

# sqlx_cpp_embed_migrations(<target> [DIR dir] [FUNCTION name])
# Compiles the migrations in DIR (default: migrations, from the current source directory) into
# <target>: a generated source defines `sqlx::migrator <name>()` (default
# sqlx::embedded_migrations, declared in <sqlx/migrate.hpp>) holding the files' exact bytes.
# Adding, removing or editing a file regenerates it at the next build.
function(sqlx_cpp_embed_migrations target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "DIR;FUNCTION" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "sqlx_cpp_embed_migrations(${target}): unknown arguments "
                        "${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET sqlx::sqlcheck)
    message(FATAL_ERROR "sqlx_cpp_embed_migrations(${target}): no sqlx::sqlcheck target; use "
                        "find_package(sqlx-cpp), add_subdirectory or FetchContent first")
  endif()
  if(NOT arg_DIR)
    set(arg_DIR migrations)
  endif()
  if(NOT arg_FUNCTION)
    set(arg_FUNCTION sqlx::embedded_migrations)
  endif()
  get_filename_component(dir "${arg_DIR}" ABSOLUTE)
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "sqlx_cpp_embed_migrations(${target}): ${dir} is not a directory")
  endif()
  string(MAKE_C_IDENTIFIER "${arg_FUNCTION}" function_id)
  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/sqlx_cpp/${target}")
  set(source "${out_dir}/${function_id}.cpp")
  file(GLOB files CONFIGURE_DEPENDS "${dir}/*.sql")
  _sqlx_cpp_file_list_stamp("${out_dir}/${function_id}.files" "${files}")
  add_custom_command(
    OUTPUT "${source}"
    COMMAND sqlx::sqlcheck migrate embed --source "${dir}" --out "${source}"
            --function "${arg_FUNCTION}"
    DEPENDS ${files} "${out_dir}/${function_id}.files" sqlx::sqlcheck
    COMMENT "sqlx-cpp: embedding ${arg_DIR} into ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE "${source}")
endfunction()

# The deferred part of sqlx_cpp_check: one custom command writes every source's header.
function(_sqlx_cpp_check_sources target metadata_dir out_dir)
  _sqlx_cpp_checked_sources(${target} sources)
  if(NOT sources)
    return()
  endif()
  # (dynamic-*.json: a dynamic query's index, docs/dynamic-queries.md)
  file(GLOB metadata_files CONFIGURE_DEPENDS "${metadata_dir}/query-*.json"
       "${metadata_dir}/dynamic-*.json")
  set(stamp "${out_dir}/metadata.files")
  _sqlx_cpp_file_list_stamp("${stamp}" "${metadata_files}")

  set(source_arguments "")
  set(headers "")
  foreach(source IN LISTS sources)
    _sqlx_cpp_source_header(${target} "${source}" header)
    list(APPEND source_arguments --source "${source}")
    list(APPEND headers "${out_dir}/${header}")
  endforeach()

  # #include names are looked up where the compiler looks: the target's include directories,
  # with those its dependencies bring (the generator expression is evaluated per target), then
  # its source and binary directories (CMAKE_INCLUDE_CURRENT_DIR is not in the property).
  set(includes "$<TARGET_PROPERTY:${target},INCLUDE_DIRECTORIES>")
  get_target_property(source_dir ${target} SOURCE_DIR)
  get_target_property(binary_dir ${target} BINARY_DIR)
  # (Quoted in COMMAND: a ; inside a generator expression must not split the argument before
  # it is evaluated.)
  set(include_list "$<$<BOOL:${includes}>:--include-dir;$<JOIN:${includes},;--include-dir;>>")

  # Online mode (as sqlx) is decided by sqlcheck when the command runs, by the one rule
  # (docs/cmake.md): SQLX_OFFLINE true turns it off, else DATABASE_URL from the environment or
  # from a .env in the target's source directory or its parents names the database on which
  # the queries of the sources (and of the headers they include) are prepared before the
  # headers are generated, so a new or edited query is described as part of the build.
  add_custom_command(
    OUTPUT ${headers}
    COMMAND sqlx::sqlcheck generate --metadata "${metadata_dir}" --out-dir "${out_dir}"
            ${source_arguments} "${include_list}" --include-dir "${source_dir}"
            --include-dir "${binary_dir}" --depfile "${out_dir}/headers.d" --online
    WORKING_DIRECTORY "${source_dir}"
    DEPENDS ${metadata_files} "${stamp}" ${sources} sqlx::sqlcheck
    DEPFILE "${out_dir}/headers.d"
    COMMENT "sqlx-cpp: checked-query headers for ${target}"
    COMMAND_EXPAND_LISTS
    VERBATIM)
  add_custom_target(${target}_sqlx_cpp_queries DEPENDS ${headers})
  add_dependencies(${target} ${target}_sqlx_cpp_queries)
endfunction()

# The absolute paths of `target`'s C++ sources that get a generated header: not those named
# by a generator expression (unknown before generation), nor generated sources (they do not
# exist when the headers are generated), nor headers and other languages' files.
function(_sqlx_cpp_checked_sources target out_var)
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  set(result "")
  foreach(source IN LISTS sources)
    if(source MATCHES "\\$<" OR NOT source MATCHES "\\.(cpp|cc|cxx|c\\+\\+|C|CPP|mm)$")
      continue()
    endif()
    get_filename_component(source "${source}" ABSOLUTE BASE_DIR "${source_dir}")
    get_source_file_property(generated "${source}" TARGET_DIRECTORY ${target} GENERATED)
    if(NOT generated)
      list(APPEND result "${source}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES result)
  set(${out_var} "${result}" PARENT_SCOPE)
endfunction()

# Names `source`'s generated header as `sqlcheck generate --out-dir` does
# (<file name>.<16 hex digits of the SHA-256 of the absolute path>.hpp) and gives the source
# its SQLX_CPP_QUERIES_HEADER definition. Source properties belong to a directory, not to a
# target: the definition reads the directory from the compiling target's SQLX_CPP_QUERIES_DIR,
# and a target that did not call sqlx_cpp_check gets no definition.
function(_sqlx_cpp_source_header target source out_var)
  get_filename_component(name "${source}" NAME)
  string(SHA256 digest "${source}")
  string(SUBSTRING "${digest}" 0 16 digits)
  set(header "${name}.${digits}.hpp")
  string(REPLACE ">" "$<ANGLE-R>" escaped "${header}")
  string(REPLACE "," "$<COMMA>" escaped "${escaped}")
  set(dir "$<TARGET_PROPERTY:SQLX_CPP_QUERIES_DIR>")
  set(definition "$<$<BOOL:${dir}>:SQLX_CPP_QUERIES_HEADER=\"${dir}/${escaped}\">")
  get_source_file_property(definitions "${source}" TARGET_DIRECTORY ${target} COMPILE_DEFINITIONS)
  if(NOT definitions OR NOT definition IN_LIST definitions)
    set_property(SOURCE "${source}" TARGET_DIRECTORY ${target} APPEND PROPERTY
                 COMPILE_DEFINITIONS "${definition}")
  endif()
  set(${out_var} "${header}" PARENT_SCOPE)
endfunction()

# Writes the list of `files` to `stamp` when it differs from the last configure: a rule that
# depends on the stamp then reruns when a globbed file is removed (a removed input alone does
# not make a build tool rerun it).
function(_sqlx_cpp_file_list_stamp stamp files)
  string(REPLACE ";" "\n" content "${files}")
  file(CONFIGURE OUTPUT "${stamp}" CONTENT "${content}\n" @ONLY)
endfunction()

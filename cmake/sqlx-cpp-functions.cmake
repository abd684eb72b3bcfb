# CMake functions of sqlx-cpp (DESIGN.md section 6, docs/cmake.md). Included by the project
# itself (add_subdirectory / FetchContent: sqlx::sqlcheck is an alias of the built program) and
# by the installed package's config file (sqlx::sqlcheck is the imported, installed program).

# sqlx_cpp_check(<target> [METADATA_DIR dir])
# SQLX_CPP_CLANG_PLUGIN (default OFF): also load the query-check plugin when compiling with clang 19.
# Generates the checked-query header from `.sqlx-cpp/` (no database) and makes <target>'s
# sources see it through <sqlx/sqlx.hpp>. The header is regenerated when a metadata file is
# added, removed or changed, and rewritten only when its content changes.
option(SQLX_CPP_CLANG_PLUGIN "Load the query-check plugin in sqlx_cpp_check() targets (clang 19)" OFF)

function(sqlx_cpp_check target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "METADATA_DIR" "")
  if(NOT TARGET sqlx::sqlcheck)
    message(FATAL_ERROR "sqlx_cpp_check(${target}): no sqlx::sqlcheck target; use "
                        "find_package(sqlx-cpp), add_subdirectory or FetchContent first")
  endif()
  if(NOT arg_METADATA_DIR)
    set(arg_METADATA_DIR "${PROJECT_SOURCE_DIR}/.sqlx-cpp")
  endif()
  get_filename_component(metadata_dir "${arg_METADATA_DIR}" ABSOLUTE)
  set(header "${CMAKE_CURRENT_BINARY_DIR}/sqlx_cpp/${target}/sqlx_cpp_queries.hpp")
  file(GLOB metadata_files CONFIGURE_DEPENDS "${metadata_dir}/query-*.json")
  set(stamp "${CMAKE_CURRENT_BINARY_DIR}/sqlx_cpp/${target}/metadata.files")
  _sqlx_cpp_file_list_stamp("${stamp}" "${metadata_files}")

  # Online mode (as sqlx): with DATABASE_URL set and SQLX_OFFLINE not true when CMake runs,
  # the target's sources are prepared before the header is generated, so a new or edited
  # query is described by the database as part of the build.
  set(online_arguments "")
  set(online_dependencies "")
  if(DEFINED ENV{DATABASE_URL} AND NOT "$ENV{DATABASE_URL}" STREQUAL ""
     AND NOT "$ENV{SQLX_OFFLINE}" MATCHES "^(1|true|TRUE|yes)$")
    get_target_property(sources ${target} SOURCES)
    get_target_property(source_dir ${target} SOURCE_DIR)
    foreach(source IN LISTS sources)
      if(NOT source MATCHES "\\$<")
        get_filename_component(source "${source}" ABSOLUTE BASE_DIR "${source_dir}")
        list(APPEND online_arguments --online-source "${source}")
        list(APPEND online_dependencies "${source}")
      endif()
    endforeach()
  endif()

  add_custom_command(
    OUTPUT "${header}"
    COMMAND sqlx::sqlcheck generate --metadata "${metadata_dir}" --out "${header}"
            ${online_arguments}
    DEPENDS ${metadata_files} "${stamp}" ${online_dependencies} sqlx::sqlcheck
    COMMENT "sqlx-cpp: checked-query header for ${target}"
    VERBATIM)
  add_custom_target(${target}_sqlx_cpp_queries DEPENDS "${header}")
  add_dependencies(${target} ${target}_sqlx_cpp_queries)
  target_compile_definitions(${target} PRIVATE SQLX_CPP_QUERIES_HEADER="${header}")

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

# Writes the list of `files` to `stamp` when it differs from the last configure: a rule that
# depends on the stamp then reruns when a globbed file is removed (a removed input alone does
# not make a build tool rerun it).
function(_sqlx_cpp_file_list_stamp stamp files)
  string(REPLACE ";" "\n" content "${files}")
  file(CONFIGURE OUTPUT "${stamp}" CONTENT "${content}\n" @ONLY)
endfunction()

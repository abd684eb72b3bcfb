# Finds libpg_query (PostgreSQL's parser as a library; Debian: libpg-query-dev) and gives the
# imported target pg_query::pg_query. It ships neither a CMake package nor a pkg-config file.
find_path(pg_query_INCLUDE_DIR NAMES pg_query.h)
find_library(pg_query_LIBRARY NAMES pg_query)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(pg_query REQUIRED_VARS pg_query_LIBRARY pg_query_INCLUDE_DIR)

if(pg_query_FOUND AND NOT TARGET pg_query::pg_query)
  add_library(pg_query::pg_query UNKNOWN IMPORTED)
  # SYSTEM: its headers' warnings are not ours to fix.
  set_target_properties(pg_query::pg_query PROPERTIES
    IMPORTED_LOCATION "${pg_query_LIBRARY}"
    INTERFACE_SYSTEM_INCLUDE_DIRECTORIES "${pg_query_INCLUDE_DIR}"
    INTERFACE_INCLUDE_DIRECTORIES "${pg_query_INCLUDE_DIR}")
endif()
mark_as_advanced(pg_query_INCLUDE_DIR pg_query_LIBRARY)

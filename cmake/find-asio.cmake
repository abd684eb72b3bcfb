# The async API's Asio: Boost.Asio from Boost 1.81 (Debian 12's libboost1.81-dev; header-only),
# found through Boost's own CMake package as the imported target Boost::headers.
# Sets sqlx_cpp_asio (TRUE/FALSE) and sqlx_cpp_asio_why (why not, for the message).
set(sqlx_cpp_asio FALSE)
set(sqlx_cpp_asio_why "")
find_package(Boost 1.81 CONFIG QUIET COMPONENTS headers)
if(Boost_FOUND AND TARGET Boost::headers)
  set(sqlx_cpp_asio TRUE)
else()
  set(sqlx_cpp_asio_why "Boost >= 1.81 (Boost.Asio) not found")
endif()

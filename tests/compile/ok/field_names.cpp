// Field names read without registration, on every compiler the project supports (g++ 12,
// clang 14 - Debian 12's clangd - and clang 19): compiled with -fsyntax-only by CTest.
#include <array>
#include <map>
#include <optional>
#include <sqlx/sqlx.hpp>
#include <string>

namespace app {
struct inner {
  int a;
};
struct user {
  std::int64_t id;
  std::map<int, int> m;  // a comma in the type's name
  inner in;              // a struct
  std::optional<std::string> email_address;
  std::array<int, 3> arr;
};
}  // namespace app

namespace {
struct local_row {  // "{anonymous}" in g++'s spelling of the type
  int x_y;
};
}  // namespace

template <typename T, std::size_t I>
constexpr std::string_view name_of = sqlx::detail::field_name_table<T>::names[I];

static_assert(name_of<app::user, 0> == "id");
static_assert(name_of<app::user, 1> == "m");
static_assert(name_of<app::user, 2> == "in");
static_assert(name_of<app::user, 3> == "email_address");
static_assert(name_of<app::user, 4> == "arr");
static_assert(name_of<local_row, 0> == "x_y");

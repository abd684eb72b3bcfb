// The one table of PostgreSQL's built-in types (include/sqlx/pg/builtin_types.hpp) is
// consistent with itself and with its readers; types_roundtrip_test compares it with pg_type
// on a real server.
#include "sqlx/pg/builtin_types.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "codegen/codegen.hpp"
#include "sqlx/pg/types.hpp"

namespace {

using namespace sqlx::pg;

constexpr bool sorted_by_oid() {
  for (std::size_t i = 1; i < builtin_type_count; ++i) {
    if (builtin_types[i - 1].type_oid >= builtin_types[i].type_oid) return false;
  }
  return true;
}
// find_builtin_type(oid) is a binary search.
static_assert(sorted_by_oid());

// The look-ups are usable at compile time (the codecs take their OIDs so).
static_assert(builtin_type_oid("int8") == 20);
static_assert(builtin_type_oid("_text") == 1009);
static_assert(builtin_type_oid("public.mood") == 0);
static_assert(find_builtin_type(oid{1184})->pg_name == "timestamptz");
static_assert(find_builtin_type_by_sqlx_name("TextArray")->type_oid == 1009);
static_assert(builtin_array_oid(20) == 1016);
static_assert(builtin_array_oid(0) == 0);

TEST(builtin_types, names_and_oids_are_unique) {
  std::set<std::string_view> pg_names;
  std::set<std::string_view> sqlx_names;
  std::set<oid> oids;
  for (const builtin_type& type : builtin_types) {
    EXPECT_TRUE(pg_names.insert(type.pg_name).second) << type.pg_name;
    EXPECT_TRUE(sqlx_names.insert(type.sqlx_name).second) << type.sqlx_name;
    EXPECT_TRUE(oids.insert(type.type_oid).second) << type.type_oid;
    EXPECT_NE(type.type_oid, 0U) << type.pg_name;
  }
}

TEST(builtin_types, arrays_and_elements_point_at_each_other) {
  for (const builtin_type& type : builtin_types) {
    if (type.array_oid != 0) {  // an element type: its array is "_" + its name
      const builtin_type* array = find_builtin_type(type.array_oid);
      ASSERT_NE(array, nullptr) << type.pg_name;
      EXPECT_EQ(array->pg_name, "_" + std::string(type.pg_name));
      EXPECT_EQ(array->array_oid, 0U) << array->pg_name;  // no arrays of arrays
    }
    if (type.pg_name.starts_with('_')) {  // an array type: its element is in the table
      const builtin_type* element = find_builtin_type(type.pg_name.substr(1));
      ASSERT_NE(element, nullptr) << type.pg_name;
      EXPECT_EQ(element->array_oid, type.type_oid) << type.pg_name;
      EXPECT_TRUE(type.cpp_type.empty()) << type.pg_name << ": std::vector of the element's";
      EXPECT_TRUE(type.sqlx_name.ends_with("Array")) << type.sqlx_name;
    }
  }
}

TEST(builtin_types, lookups_find_every_row_and_nothing_else) {
  for (const builtin_type& type : builtin_types) {
    EXPECT_EQ(find_builtin_type(type.pg_name), &type);
    EXPECT_EQ(find_builtin_type(type.type_oid), &type);
    EXPECT_EQ(find_builtin_type_by_sqlx_name(type.sqlx_name), &type);
  }
  EXPECT_EQ(find_builtin_type(oid{3614}), nullptr);  // tsvector: sqlx spells it as Custom
  EXPECT_EQ(find_builtin_type(oid{0}), nullptr);
  EXPECT_EQ(find_builtin_type(oid{99999}), nullptr);
  EXPECT_EQ(find_builtin_type("pg_catalog.int8"), nullptr);  // .sqlx-cpp/ spells it "int8"
  EXPECT_EQ(find_builtin_type_by_sqlx_name("int8"), nullptr);
}

// Each codec's OID is its type's row.
TEST(builtin_types, codecs_take_their_oids_from_the_table) {
  EXPECT_EQ(type_traits<std::int64_t>::type_oid, 20U);
  EXPECT_EQ(type_traits<std::int32_t>::type_oid, 23U);
  EXPECT_EQ(type_traits<std::int16_t>::type_oid, 21U);
  EXPECT_EQ(type_traits<double>::type_oid, 701U);
  EXPECT_EQ(type_traits<std::string>::type_oid, 25U);
  EXPECT_EQ(type_traits<uuid>::type_oid, 2950U);
  EXPECT_EQ(type_traits<std::vector<std::int64_t>>::type_oid, 1016U);
  EXPECT_EQ(type_traits<std::vector<uuid>>::type_oid, 2951U);
}

// The generated header's default C++ types come from the table; arrays are std::vector of the
// element's, user types have none.
TEST(builtin_types, default_cpp_types) {
  using sqlx::core::cpp_type_for;
  EXPECT_EQ(cpp_type_for("int8"), "std::int64_t");
  EXPECT_EQ(cpp_type_for("cidr"), "::sqlx::pg::inet");
  EXPECT_EQ(cpp_type_for("_timestamptz"),
            "std::vector<std::chrono::sys_time<std::chrono::microseconds>>");
  EXPECT_EQ(cpp_type_for("_cidr"), "std::vector<::sqlx::pg::inet>");
  EXPECT_EQ(cpp_type_for("point"), std::nullopt);
  EXPECT_EQ(cpp_type_for("_point"), std::nullopt);
  EXPECT_EQ(cpp_type_for("public.mood"), std::nullopt);
  int with_cpp_type = 0;
  for (const builtin_type& type : builtin_types) with_cpp_type += type.cpp_type.empty() ? 0 : 1;
  EXPECT_EQ(with_cpp_type, 22);  // the types with a codec, cidr and the four strings
}

}  // namespace

// sqlx::testing from the installed package: compiles and links (run.cmake does not run it,
// the fixture's own tests do: tests/integration/testing_test.cpp).
#include <sqlx/testing.hpp>

class consumer_test : public sqlx::testing::database_test {};

TEST_F(consumer_test, has_a_connection) {
  EXPECT_TRUE(connection().is_open());
}

// The message of the exception of type E that `f` throws; a test failure (and "") when it
// throws nothing or something else. For checking what an error says, beyond EXPECT_THROW.
#pragma once

#include <gtest/gtest.h>

#include <exception>
#include <string>

namespace sqlx::test {

template <typename E, typename F>
std::string expect_throw(F&& f) {
  try {
    f();
  } catch (const E& e) {
    return e.what();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "wrong exception: " << e.what();
    return {};
  }
  ADD_FAILURE() << "no exception";
  return {};
}

}  // namespace sqlx::test

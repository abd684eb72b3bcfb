// Data a command is done with, left for the process's exit to reclaim: sqlcheck ends right
// after, and freeing a warm run's hundred thousand small allocations one by one (13 ms of
// 190 ms at 10,000 queries, measured) costs more than the kernel dropping the pages at once.
// Kept reachable from a static list, so leak checkers do not report it.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace sqlx::cli {

template <typename T>
void keep_until_exit(T&& value) {
  static auto* const kept = new std::vector<std::shared_ptr<void>>();
  kept->push_back(std::make_shared<std::decay_t<T>>(std::forward<T>(value)));
}

}  // namespace sqlx::cli

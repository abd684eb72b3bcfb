// Wall time per phase of `sqlcheck prepare`, printed to stderr when SQLX_CPP_PREPARE_TIMING
// is set: where a run's time goes (docs/performance.md), without a profiler.
#pragma once

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace sqlx::core {

class phase_timer {
 public:
  phase_timer() : enabled_(std::getenv("SQLX_CPP_PREPARE_TIMING") != nullptr) {}
  [[nodiscard]] bool enabled() const noexcept { return enabled_; }
  // Prints the time since the previous mark (or construction) under `name`.
  void mark(std::string_view name) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    fmt::print(stderr, "timing: {:<22} {:8.1f} ms\n", name,
               std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace sqlx::core

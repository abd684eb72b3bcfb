// A copyable callable, as std::function, for the hooks users give the library (the pool's
// after_connect and before_acquire, the notice sink). std::function would bring <functional>
// into <sqlx/sqlx.hpp>, which costs every translation unit with a checked query its compile
// time (docs/performance.md).
#pragma once

#include <concepts>
#include <type_traits>
#include <utility>

namespace sqlx::pg {

template <typename Signature>
class callback;

template <typename R, typename... Args>
class callback<R(Args...)> {
 public:
  callback() noexcept = default;
  // Implicit, as std::function's: any callable converts.
  template <typename F>
  requires(!std::same_as<std::remove_cvref_t<F>, callback> &&
           std::is_invocable_r_v<R, std::remove_cvref_t<F>&, Args...>)
      callback(F&& f)  // NOLINT(google-explicit-constructor)
      : target_(new holder<std::remove_cvref_t<F>>(std::forward<F>(f))) {}
  callback(const callback& other) : target_(other ? other.target_->clone() : nullptr) {}
  callback(callback&& other) noexcept : target_(std::exchange(other.target_, nullptr)) {}
  callback& operator=(callback other) noexcept {
    std::swap(target_, other.target_);
    return *this;
  }
  ~callback() { delete target_; }

  explicit operator bool() const noexcept { return target_ != nullptr; }
  R operator()(Args... args) const { return target_->call(std::forward<Args>(args)...); }

 private:
  struct callable {
    virtual ~callable() = default;
    virtual R call(Args... args) = 0;
    [[nodiscard]] virtual callable* clone() const = 0;
  };
  template <typename F>
  struct holder final : callable {
    template <typename G>
    explicit holder(G&& g) : f(std::forward<G>(g)) {}
    R call(Args... args) override { return static_cast<R>(f(std::forward<Args>(args)...)); }
    [[nodiscard]] callable* clone() const override { return new holder(f); }
    F f;
  };
  callable* target_ = nullptr;
};

}  // namespace sqlx::pg

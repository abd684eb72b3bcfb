// sqlx::pg::numeric's conversions that need <charconv> (include/sqlx/pg/types/numeric.hpp).
#include "sqlx/pg/types/numeric.hpp"

#include <charconv>
#include <limits>
#include <system_error>

namespace sqlx::pg {

double numeric::to_double() const {
  if (is_nan()) return std::numeric_limits<double>::quiet_NaN();
  if (text_ == "Infinity") return std::numeric_limits<double>::infinity();
  if (text_ == "-Infinity") return -std::numeric_limits<double>::infinity();
  double value = 0;
  const char* const first = text_.data();
  const auto [end, ec] = std::from_chars(first, first + text_.size(), value);
  if (ec == std::errc::result_out_of_range) {
    // Too large in magnitude (an overflow) or too small (an underflow).
    const bool negative = text_.front() == '-';
    const auto point = text_.find('.');
    const bool large = (point == std::string::npos ? text_.size() : point) > 2;
    if (!large) return negative ? -0.0 : 0.0;
    return negative ? -std::numeric_limits<double>::infinity()
                    : std::numeric_limits<double>::infinity();
  }
  return value;
}

}  // namespace sqlx::pg

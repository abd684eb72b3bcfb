#include "internal/notice.hpp"

#include "internal/pq.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::pg::detail {

void receive_notice(void* handler, const PGresult* r) noexcept {
  const auto& sink = *static_cast<const notice_handler*>(handler);
  if (!sink || r == nullptr) return;
  try {
    notice n;
    // The English severity (servers since 9.6 send it), else the localized one.
    n.severity = field(r, PG_DIAG_SEVERITY_NONLOCALIZED);
    if (n.severity.empty()) n.severity = field(r, PG_DIAG_SEVERITY);
    n.sqlstate = field(r, PG_DIAG_SQLSTATE);
    n.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
    n.detail = field(r, PG_DIAG_MESSAGE_DETAIL);
    n.hint = field(r, PG_DIAG_MESSAGE_HINT);
    sink(n);
  } catch (...) {
    // Lost: a notice is information, and the connection must go on.
  }
}

}  // namespace sqlx::pg::detail

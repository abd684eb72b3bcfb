#include "sqlx/sqlite/statement.hpp"

#include "connection_impl.hpp"

namespace sqlx::sqlite {

std::uint64_t statement::execute() {
  while (step()) {
  }
  return static_cast<std::uint64_t>(sqlite3_changes64(sqlite3_db_handle(stmt_)));
}

std::string_view statement::column_name(int column) const noexcept {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

std::string_view statement::column_decltype(int column) const noexcept {
  const char* type = sqlite3_column_decltype(stmt_, column);
  return type == nullptr ? std::string_view() : std::string_view(type);
}

std::string_view statement::sql() const noexcept {
  const char* text = sqlite3_sql(stmt_);
  return text == nullptr ? std::string_view() : std::string_view(text);
}

bool statement::first_use() const noexcept {
  if (cached_ == nullptr) return true;
  return !cached_->verified ||
         sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_REPREPARE, 0) != cached_->reprepares;
}

void statement::mark_verified() noexcept {
  if (cached_ == nullptr) return;
  cached_->verified = true;
  cached_->reprepares = sqlite3_stmt_status(stmt_, SQLITE_STMTSTATUS_REPREPARE, 0);
}

void statement::forget() noexcept {
  if (cached_ != nullptr) cached_->forget = true;
}

void statement::release() noexcept {
  if (stmt_ == nullptr) return;
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  if (started_) conn_->note_transaction_state_if_changed();
  if (cached_ == nullptr) {
    sqlite3_finalize(stmt_);
  } else if (cached_->forget) {
    conn_->drop(conn_->index.find(cached_->text)->second);
  } else {
    cached_->in_use = false;
  }
  stmt_ = nullptr;
}

}  // namespace sqlx::sqlite

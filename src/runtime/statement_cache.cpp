#include "internal/statement_cache.hpp"

#include "internal/pq.hpp"

namespace sqlx::pg::detail {

statement_cache::lookup statement_cache::find_or_insert(const std::string& sql) {
  // try_emplace hashes once and copies the text only when it is new.
  auto [slot, inserted] = index_.try_emplace(sql);
  if (!inserted) {
    const auto position = slot->second;
    if (position != lru_.begin()) lru_.splice(lru_.begin(), lru_, position);
    return {&*position, false};
  }
  try {
    lru_.push_front(statement{"sqlx_s" + std::to_string(++last_id_), &slot->first, false});
  } catch (...) {
    index_.erase(slot);
    throw;
  }
  slot->second = lru_.begin();
  while (lru_.size() > capacity_) evict_least_recently_used();
  return {&lru_.front(), true};
}

statement_cache::statement* statement_cache::find(const std::string& sql) noexcept {
  const auto slot = index_.find(sql);
  return slot == index_.end() ? nullptr : &*slot->second;
}

void statement_cache::erase(statement& entry) noexcept {
  const auto slot = index_.find(*entry.text);
  lru_.erase(slot->second);
  index_.erase(slot);
}

void statement_cache::forget(statement& entry) {
  to_close_.push_back(entry.name);
  erase(entry);
}

void statement_cache::clear() noexcept {
  index_.clear();
  lru_.clear();
  to_close_.clear();
}

void statement_cache::evict_least_recently_used() {
  statement& victim = lru_.back();
  to_close_.push_back(std::move(victim.name));
  erase(victim);
}

bool statement_lost(const PGresult* r, std::string_view name) noexcept {
  if (sqlstate(r) != "26000") return false;
  const char* message = PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY);
  if (message == nullptr) return false;
  const std::string_view text(message);
  for (auto at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    const auto end = at + name.size();  // "sqlx_s1" must not match "sqlx_s12"
    if (end == text.size() || text[end] < '0' || text[end] > '9') return true;
  }
  return false;
}

bool plan_outdated(const PGresult* r) noexcept {
  return sqlstate(r) == "0A000";
}

}  // namespace sqlx::pg::detail

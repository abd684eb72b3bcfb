#include "internal/statement_cache.hpp"

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

}  // namespace sqlx::pg::detail

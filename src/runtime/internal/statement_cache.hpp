// The per-connection cache of prepared statements: statement text -> server-side name, least
// recently used first out. A pure data structure: the connection talks to the server.
#pragma once

#include <libpq-fe.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sqlx::pg::detail {

class statement_cache {
 public:
  struct statement {
    std::string name;                   // "sqlx_s<n>", never reused on the connection
    const std::string* text = nullptr;  // the statement text (the index's key)
    bool verified = false;              // a result of it has reached the caller
    bool shares_sync = false;           // async: a plain read, pipelined in shared Sync segments
  };

  struct lookup {
    statement* entry;
    bool inserted;  // new: the caller prepares it (or erases it when that fails)
  };

  // capacity >= 1; a connection without a cache does not make one.
  explicit statement_cache(std::size_t capacity) : capacity_(capacity) {}

  // The entry for `sql`, now the most recently used; a new one, named, when `sql` was not
  // cached, in which case the least recently used entries beyond the capacity are evicted
  // (their names queued in to_close()). One hash of the text either way.
  [[nodiscard]] lookup find_or_insert(const std::string& sql);

  // The entry for `sql` or nullptr; does not count as a use.
  [[nodiscard]] statement* find(const std::string& sql) noexcept;

  // Removes an entry the server never prepared.
  void erase(statement& entry) noexcept;
  // Removes an entry the server holds: its name is queued in to_close().
  void forget(statement& entry);
  // The server has dropped our statements (DISCARD ALL, DEALLOCATE ALL): start over.
  void clear() noexcept;

  // Names of statements to DEALLOCATE on the server; the connection clears it once sent.
  [[nodiscard]] std::vector<std::string>& to_close() noexcept { return to_close_; }
  [[nodiscard]] std::size_t size() const noexcept { return lru_.size(); }
  [[nodiscard]] std::size_t capacity() const noexcept { return capacity_; }

 private:
  using lru_list = std::list<statement>;  // most recently used first
  void evict_least_recently_used();

  std::size_t capacity_;
  lru_list lru_;
  std::unordered_map<std::string, lru_list::iterator> index_;
  std::vector<std::string> to_close_;
  std::uint64_t last_id_ = 0;
};

// Whether the server says it no longer has our statement `name` (after DISCARD ALL or
// DEALLOCATE ALL). The name in the message tells it from a user's own EXECUTE of a missing
// statement; it is a parameter of the message, so this holds in any server language.
[[nodiscard]] bool statement_lost(const PGresult* r, std::string_view name) noexcept;

// A cached plan whose result type changed with the schema ("cached plan must not change
// result type"): preparing the text again gives the new shape.
[[nodiscard]] bool plan_outdated(const PGresult* r) noexcept;

}  // namespace sqlx::pg::detail

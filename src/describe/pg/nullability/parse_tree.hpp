// The parse tree: libpg_query's protobuf output unpacked into protobuf-c structs (no JSON),
// and small helpers over those structs, where every pointer may be null. Internal to the
// nullability inference (the files of src/describe/pg/nullability/).
#pragma once

#include <pg_query/pg_query.pb-c.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sqlx::core::nullability_detail {

using pg_node = PgQuery__Node;

// Bump allocation for the unpacked tree: unpacking allocates every node separately, and the
// whole tree dies at once, so one arena halves the cost of unpack + free.
class arena {
 public:
  arena() = default;
  arena(const arena&) = delete;
  arena& operator=(const arena&) = delete;

  [[nodiscard]] void* allocate(std::size_t n);
  // A protobuf-c allocator drawing from this arena; freeing is a no-op.
  [[nodiscard]] ProtobufCAllocator allocator();

 private:
  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte* next_ = nullptr;
  std::size_t left_ = 0;
};

// One statement text parsed and unpacked; owns every node.
class pg_tree {
 public:
  explicit pg_tree(std::string_view sql);
  pg_tree(const pg_tree&) = delete;
  pg_tree& operator=(const pg_tree&) = delete;

  [[nodiscard]] bool ok() const noexcept { return unpacked_ != nullptr; }
  [[nodiscard]] const ProtobufCMessage* root() const noexcept {
    return unpacked_ != nullptr ? &unpacked_->base : nullptr;
  }
  // The statement when the text holds exactly one (the server prepares only one).
  [[nodiscard]] const pg_node* statement() const noexcept;

 private:
  arena arena_;  // owns every node of unpacked_
  PgQuery__ParseResult* unpacked_ = nullptr;
};

// View definitions are parsed on demand and kept per thread, keyed by their text, so a view
// used by many queries is parsed once and a changed definition can never be served stale.
[[nodiscard]] std::shared_ptr<const pg_tree> parse_view(const std::string& definition);

// --- helpers over protobuf-c trees ------------------------------------------------------

[[nodiscard]] inline std::string_view text(const char* s) {
  return s != nullptr ? std::string_view(s) : "";
}

template <typename T>
[[nodiscard]] std::span<T* const> list(T** items, std::size_t n) {
  return items != nullptr ? std::span<T* const>(items, n) : std::span<T* const>();
}

[[nodiscard]] inline bool is(const pg_node* n, PgQuery__Node__NodeCase c) {
  return n != nullptr && n->node_case == c;
}

[[nodiscard]] inline std::string_view string_value(const pg_node* n) {
  return is(n, PG_QUERY__NODE__NODE_STRING) && n->string != nullptr ? text(n->string->sval) : "";
}

// The name of a built-in function or operator: unqualified or qualified with pg_catalog.
// Anything qualified with another schema is user-defined and gets no special treatment.
[[nodiscard]] std::optional<std::string_view> builtin_name(std::span<pg_node* const> names);

[[nodiscard]] inline std::string_view last_name(std::span<pg_node* const> names) {
  return names.empty() ? "" : string_value(names.back());
}

// Calls `visit` on every message below `message` (protobuf-c reflection: any node type, any
// field), depth first; `visit` returns false to skip a message's children.
void walk(const ProtobufCMessage* message,
          const std::function<bool(const ProtobufCMessage*)>& visit);

}  // namespace sqlx::core::nullability_detail

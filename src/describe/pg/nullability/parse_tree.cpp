#include "describe/pg/nullability/parse_tree.hpp"

#include <pg_query.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace sqlx::core::nullability_detail {
namespace {

// The arena's block size. `sqlcheck prepare` keeps every query's tree alive until it has
// described them all, so blocks much larger than a typical statement's tree would mostly
// hold unused memory; much smaller ones would make most trees span several blocks.
constexpr std::size_t arena_block_size = 16384;

// How many view definitions a thread keeps parsed. A schema has far fewer views; the bound
// only stops the cache from growing without end in a process that sees many schemas, and
// dropping it all at once is fine because a definition parses again in microseconds.
constexpr std::size_t view_cache_capacity = 1024;

// How deep `walk` descends. Far deeper than any real query (PostgreSQL's own parser stops
// at its stack limit first); it only keeps a pathological tree from overflowing our stack.
constexpr int max_walk_depth = 2000;

void walk_from(const ProtobufCMessage* message,
               const std::function<bool(const ProtobufCMessage*)>& visit, int depth) {
  if (message == nullptr || message->descriptor == nullptr || depth > max_walk_depth) return;
  if (!visit(message)) return;
  const ProtobufCMessageDescriptor* d = message->descriptor;
  const auto* base = reinterpret_cast<const char*>(message);
  for (unsigned i = 0; i < d->n_fields; ++i) {
    const ProtobufCFieldDescriptor& f = d->fields[i];
    if (f.type != PROTOBUF_C_TYPE_MESSAGE) continue;
    if ((f.flags & PROTOBUF_C_FIELD_FLAG_ONEOF) != 0) {
      std::uint32_t active = 0;
      std::memcpy(&active, base + f.quantifier_offset, sizeof active);
      if (active != f.id) continue;
    }
    if (f.label == PROTOBUF_C_LABEL_REPEATED) {
      std::size_t n = 0;
      std::memcpy(&n, base + f.quantifier_offset, sizeof n);
      const ProtobufCMessage* const* items = nullptr;
      std::memcpy(&items, base + f.offset, sizeof items);
      for (std::size_t k = 0; items != nullptr && k < n; ++k) {
        walk_from(items[k], visit, depth + 1);
      }
    } else {
      const ProtobufCMessage* child = nullptr;
      std::memcpy(&child, base + f.offset, sizeof child);
      walk_from(child, visit, depth + 1);
    }
  }
}

}  // namespace

void* arena::allocate(std::size_t n) {
  n = (n + alignof(std::max_align_t) - 1) & ~(alignof(std::max_align_t) - 1);
  if (n > left_) {
    const std::size_t size = std::max(n, arena_block_size);
    blocks_.push_back(std::make_unique<std::byte[]>(size));
    next_ = blocks_.back().get();
    left_ = size;
  }
  void* p = next_;
  next_ += n;
  left_ -= n;
  return p;
}

ProtobufCAllocator arena::allocator() {
  return {[](void* self, std::size_t n) { return static_cast<arena*>(self)->allocate(n); },
          [](void*, void*) {}, this};
}

pg_tree::pg_tree(std::string_view sql) {
  const std::string text(sql);  // libpg_query wants a NUL-terminated string
  PgQueryProtobufParseResult raw = pg_query_parse_protobuf(text.c_str());
  if (raw.error == nullptr && raw.parse_tree.data != nullptr) {
    ProtobufCAllocator allocator = arena_.allocator();
    unpacked_ = pg_query__parse_result__unpack(
        &allocator, raw.parse_tree.len, reinterpret_cast<const std::uint8_t*>(raw.parse_tree.data));
  }
  pg_query_free_protobuf_parse_result(raw);  // unpack copied everything it needs
}

const pg_node* pg_tree::statement() const noexcept {
  if (unpacked_ == nullptr || unpacked_->n_stmts != 1 || unpacked_->stmts[0] == nullptr) {
    return nullptr;
  }
  return unpacked_->stmts[0]->stmt;
}

std::shared_ptr<const pg_tree> parse_view(const std::string& definition) {
  thread_local std::unordered_map<std::string, std::shared_ptr<const pg_tree>> cache;
  if (auto it = cache.find(definition); it != cache.end()) return it->second;
  if (cache.size() > view_cache_capacity) cache.clear();
  auto tree = std::make_shared<const pg_tree>(definition);
  cache.emplace(definition, tree);
  return tree;
}

std::optional<std::string_view> builtin_name(std::span<pg_node* const> names) {
  if (names.size() == 1) return string_value(names[0]);
  if (names.size() == 2 && string_value(names[0]) == "pg_catalog") return string_value(names[1]);
  return std::nullopt;
}

void walk(const ProtobufCMessage* message,
          const std::function<bool(const ProtobufCMessage*)>& visit) {
  walk_from(message, visit, 0);
}

}  // namespace sqlx::core::nullability_detail

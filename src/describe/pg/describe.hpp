// Describes queries on a live server: parameter and column types through prepared-statement
// describes sent in libpq pipeline mode (one round trip for any number of queries), user
// types resolved from the catalog in batches, nullability inferred from the parse tree.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "metadata/metadata.hpp"
#include "sqlx/pg/connection.hpp"

namespace sqlx::core {

class nullability_cache;

// What the server said about a query it rejected.
struct server_error {
  std::string message;
  std::string sqlstate;
  std::string detail;
  std::string hint;
  int position = 0;  // 1-based character (not byte) position in the query; 0 when none
};

// The byte offset in UTF-8 `text` of a server error's 1-based character `position`.
[[nodiscard]] std::size_t byte_offset_of_position(std::string_view text, int position);

struct describe_result {
  std::optional<query_description> description;  // set when the server accepted the query
  std::optional<server_error> error;             // set when it did not
  // With a nullability cache and a `trust`, for an accepted query: the SHA-256 (hex) of
  // everything `description` is made of (the text, the server's parameter and column types,
  // labels, origins, nullability and outer rows, the catalog's names of those types, origins
  // and composite fields). Two equal digests give equal descriptions within one build of the
  // tool. Else empty.
  std::string digest{};
  // Accepted, not assembled: the caller's `trust` said it holds this digest's file.
  bool trusted = false;
};

// Asked with a query's index and digest before its description is assembled: true when the
// caller already holds what that description renders to, so that it is not assembled.
using describe_trust = std::function<bool(std::size_t index, const std::string& digest)>;

// Called now and then with the number of queries described so far.
using describe_progress = std::function<void(std::size_t done, std::size_t total)>;

// One result per query, in order, on a connection of the runtime (its libpq handle runs the
// pipeline). Throws sqlx::pg::connection_error when the connection itself fails.
[[nodiscard]] std::vector<describe_result> describe_queries(pg::connection& conn,
                                                            std::span<const std::string> queries,
                                                            const describe_progress& progress = {});

// The same over several connections to one database at once (`sqlcheck prepare --jobs N`):
// each describes a contiguous share of the queries; the catalog is read on the first. The
// results are those one connection gives, in the same order. With a `cache`, nullability
// answers still valid are taken from it instead of parsing, and it is given this run's.
[[nodiscard]] std::vector<describe_result> describe_queries(
    std::span<pg::connection* const> connections, std::span<const std::string> queries,
    const describe_progress& progress = {}, nullability_cache* cache = nullptr,
    const describe_trust& trust = {});

}  // namespace sqlx::core

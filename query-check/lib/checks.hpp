// The checks, one concern each. Each looks at one tagged query and what is known about it
// and reports to a sink; query_checker runs them in order.
#pragma once

#include <clang/AST/ASTContext.h>

#include "diagnostic.hpp"
#include "metadata_source.hpp"
#include "tagged_query.hpp"
#include "type_probe.hpp"

namespace sqlx::query_check {

// What every check may use about the translation unit.
struct check_context {
  clang::ASTContext& ast;
  const type_probe& types;
  diagnostic_sink& sink;
};

// The location of byte `offset` of the query text inside its literal (through concatenated
// literals, escape sequences and raw strings).
[[nodiscard]] clang::SourceLocation location_in_literal(const check_context& context,
                                                        const tagged_query& query,
                                                        std::size_t offset);

// A query `.sqlx-cpp/` does not know (offline): it must be prepared.
class missing_metadata_check {
 public:
  static void run(const check_context& context, const tagged_query& query,
                  const query_lookup& found);
};

// A query the server rejected (online): at the character the server's position names.
class server_error_check {
 public:
  static void run(const check_context& context, const tagged_query& query,
                  const query_lookup& found);
};

// Bind arguments: their count (at the call) and each one's type (at the argument).
class bind_argument_check {
 public:
  static void run(const check_context& context, const tagged_query& query,
                  const core::query_description& description);
};

// SQLX_QUERY_AS: every column has a field of a fitting type, optional when the column is
// nullable, and every field a column; reported at the field, with a note at the column.
class struct_field_check {
 public:
  static void run(const check_context& context, const tagged_query& query,
                  const core::query_description& description);
};

// A query run on the other database's executor: at the executor argument, with a note at the
// query when the call is made on the macro's result. Looks at the whole translation unit.
class wrong_database_check {
 public:
  static void run(const check_context& context);
};

// The header's verdict when query-check found nothing: a query the header (from the metadata
// the build generated it from) rejects or does not know must not compile, even when
// query-check's own metadata - another directory, or the live server - says it is fine.
class header_verdict_check {
 public:
  static void run(const check_context& context, const tagged_query& query, bool reported_anything);
};

}  // namespace sqlx::query_check

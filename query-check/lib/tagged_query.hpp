// The tagged queries of a translation unit, found in the AST: every call that a
// SQLX_QUERY / SQLX_QUERY_AS / SQLX_QUERY_SCALAR macro expands to
// (sqlx::detail::bind<...>), with its literal, bind arguments and row struct.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/Expr.h>

#include <string>
#include <vector>

#include "sqlx/detail/query_kind.hpp"

namespace sqlx::query_check {

using detail::query_kind;

struct bind_argument {
  const clang::Expr* expr;
  clang::QualType type;  // the type the header checks: the argument without cv and reference
};

struct tagged_query {
  query_kind kind = query_kind::anonymous;
  const clang::StringLiteral* literal = nullptr;
  std::string text;             // the literal's value: the query text
  clang::SourceLocation macro;  // the macro name at the call (a file location)
  std::vector<bind_argument> arguments;
  const clang::CXXRecordDecl* row = nullptr;  // SQLX_QUERY_AS's struct
  // What the header made of the call: a runnable query, or (under SQLX_CPP_QUERY_CHECK) a
  // known query that failed a check it leaves to query-check, or a query it does not know.
  enum class verdict { runnable, rejected, unknown } header = verdict::runnable;
};

// Every tagged query of the translation unit, in source order, each call once (a query in a
// template is found once per instantiation with distinct types).
[[nodiscard]] std::vector<tagged_query> find_tagged_queries(clang::ASTContext& context);

// The file location of `loc`: a macro argument's spelling, else the macro's expansion, so
// that diagnostics point at what the user wrote and carry no macro backtrace.
[[nodiscard]] clang::SourceLocation file_location(const clang::SourceManager& sm,
                                                  clang::SourceLocation loc);

}  // namespace sqlx::query_check

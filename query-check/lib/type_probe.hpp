// The header's own type rules, asked through clang's constant evaluator: under
// SQLX_CPP_QUERY_CHECK, <sqlx/sqlx.hpp> instantiates sqlx::query_check::probe<T> for every
// bind argument and SQLX_QUERY_AS field type, and this class evaluates its members. So there
// is no second table of which C++ type fits which PostgreSQL type, user enums and
// type_traits specializations included, and types are named as the header's errors name them.
#pragma once

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>

#include <optional>
#include <string>
#include <string_view>

#include "metadata/metadata.hpp"

namespace sqlx::query_check {

class type_probe {
 public:
  explicit type_probe(clang::ASTContext& context);

  // Whether a value of `type` may be sent as / read from `db_type`, a type of database `db`
  // (PostgreSQL's rule, or SQLite's); nullopt when the header did not instantiate the probe
  // (then no check can be made).
  [[nodiscard]] std::optional<bool> accepts(clang::QualType type, std::string_view db_type,
                                            core::database db = core::database::postgres) const;
  [[nodiscard]] std::optional<bool> is_optional(clang::QualType type) const;
  // The header's spelling of `type` ("std::int32_t"), or clang's when there is no probe.
  [[nodiscard]] std::string name(clang::QualType type) const;

 private:
  [[nodiscard]] const clang::CXXMethodDecl* member(clang::QualType type,
                                                   std::string_view name) const;
  [[nodiscard]] clang::Expr* call(const clang::CXXMethodDecl* method,
                                  llvm::ArrayRef<clang::Expr*> args) const;

  clang::ASTContext& context_;
  clang::ClassTemplateDecl* probe_ = nullptr;
};

}  // namespace sqlx::query_check

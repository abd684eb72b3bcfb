// The checker both front ends run: after Sema has finished a translation unit, it finds the
// tagged queries, gets their descriptions (offline or live, all of them at once) and runs
// every check on each.
#pragma once

#include <clang/AST/ASTConsumer.h>

#include <string>
#include <vector>

#include "diagnostic.hpp"
#include "metadata_source.hpp"

namespace sqlx::query_check {

// Defined by both front ends while parsing: <sqlx/sqlx.hpp> then leaves the problems
// query-check reports to it, and instantiates the type probes it evaluates (type_probe.hpp).
inline constexpr const char* header_mode_macro = "SQLX_CPP_QUERY_CHECK";

class query_checker final : public clang::ASTConsumer {
 public:
  // `online`: describe on the live server when core::online_database_url() names one.
  query_checker(metadata_registry& registry, diagnostic_sink& sink, bool online)
      : registry_(registry), sink_(sink), online_(online) {}

  void HandleTranslationUnit(clang::ASTContext& context) override;

 private:
  void keep_other_database_offline(clang::ASTContext& context,
                                   const std::vector<std::string>& texts, core::database live,
                                   std::vector<query_lookup>& found);

  metadata_registry& registry_;
  diagnostic_sink& sink_;
  bool online_;
};

}  // namespace sqlx::query_check

#include <string>

#include "checks.hpp"

namespace sqlx::query_check {

void bind_argument_check::run(const check_context& context, const tagged_query& query,
                              const core::query_description& description) {
  const clang::SourceManager& sm = context.ast.getSourceManager();
  const std::size_t expected = description.parameters.size();
  if (query.arguments.size() != expected) {
    // The count is wrong as a whole, not at one argument: reported at the call.
    context.sink.report({"bind-argument-count",
                         severity::error,
                         query.macro,
                         "wrong number of bind arguments: the query has " +
                             std::to_string(expected) + " parameter" + (expected == 1 ? "" : "s") +
                             ", " + std::to_string(query.arguments.size()) + " given",
                         {}});
    return;
  }
  for (std::size_t i = 0; i < expected; ++i) {
    const bind_argument& argument = query.arguments[i];
    // SQLite: a parameter whose type prepare could not infer (empty) takes any value SQLite
    // can store, which the header's rule (probe::accepts_sqlite) says for an empty type.
    const std::string& db_type = description.parameters[i].type_name;
    if (context.types.accepts(argument.type, db_type, description.db).value_or(true)) continue;
    const bool sqlite = description.db == core::database::sqlite;
    context.sink.report({"bind-argument-type",
                         severity::error,
                         file_location(sm, argument.expr->getBeginLoc()),
                         "bind argument type does not match parameter " +
                             std::string(sqlite ? "?" : "$") + std::to_string(i + 1) + ": " +
                             std::string(core::db_name(description.db)) + " " +
                             (db_type.empty() ? "(any type)" : db_type) + ", C++ " +
                             context.types.name(argument.type),
                         {}});
  }
}

}  // namespace sqlx::query_check

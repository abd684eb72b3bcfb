#include "dynamic_query_check.hpp"

#include <string>

namespace sqlx::query_check {
namespace {

bool is_choice(clang::QualType type) {
  const auto* record = type->getAsCXXRecordDecl();
  return record != nullptr && record->getQualifiedNameAsString() == "sqlx::choice";
}

// The 1-based character position in `text` of byte `byte` (what a server error's position is).
int character_position(std::string_view text, std::size_t byte) {
  int position = 1;
  for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++position;
  }
  return position;
}

}  // namespace

void dynamic_query_check::run(const check_context& context, const tagged_query& query,
                              const core::dynamic_query_text& dynamic,
                              std::span<const query_lookup> combinations) {
  // Unknown: once for the query, not per combination.
  for (const query_lookup& found : combinations) {
    if (!found.description && !found.rejected) {
      missing_metadata_check::run(context, query, found);
      return;
    }
  }
  // Rejected by the server: at the literal's character the combination's error points at.
  bool rejected = false;
  for (std::size_t k = 0; k < combinations.size(); ++k) {
    if (!combinations[k].rejected) continue;
    rejected = true;
    core::server_error error = *combinations[k].rejected;
    if (error.position > 0) {
      const core::dynamic_combination combination = dynamic.expand(k);
      const std::size_t byte = core::byte_offset_of_position(combination.text, error.position);
      if (byte < combination.origin.size()) {
        error.position = character_position(query.text, combination.origin[byte]);
      }
    }
    query_lookup mapped;
    mapped.rejected = std::move(error);
    server_error_check::run(context, query, mapped);
  }
  if (rejected) return;

  std::vector<const bind_argument*> bound;
  for (const bind_argument& argument : query.arguments) {
    if (!is_choice(argument.type)) bound.push_back(&argument);
  }
  const clang::SourceManager& sm = context.ast.getSourceManager();
  if (bound.size() != dynamic.parameter_count) {
    context.sink.report({"bind-argument-count",
                         severity::error,
                         query.macro,
                         "wrong number of bind arguments: the dynamic query has " +
                             std::to_string(dynamic.parameter_count) + " parameter" +
                             (dynamic.parameter_count == 1 ? "" : "s") + ", " +
                             std::to_string(bound.size()) + " given (besides its sqlx::choice)",
                         {}});
    return;
  }
  for (std::size_t k = 0; k < combinations.size(); ++k) {
    const core::query_description& description = *combinations[k].description;
    if (description.db != core::database::postgres) return;
    const core::dynamic_combination combination = dynamic.expand(k);
    std::size_t dense = 0;
    for (std::size_t p = 0; p < bound.size(); ++p) {
      if ((combination.parameters >> p & 1U) == 0) continue;
      if (dense >= description.parameters.size()) break;  // metadata out of date: the header says
      const std::string& pg_type = description.parameters[dense++].type_name;
      if (context.types.accepts(bound[p]->type, pg_type).value_or(true)) continue;
      context.sink.report({"bind-argument-type",
                           severity::error,
                           file_location(sm, bound[p]->expr->getBeginLoc()),
                           "bind argument type does not match parameter $" + std::to_string(p + 1) +
                               ": PostgreSQL " + pg_type + ", C++ " +
                               context.types.name(bound[p]->type),
                           {}});
    }
    // The same field problem in several combinations is reported once (the sink).
    struct_field_check::run(context, query, description);
  }
}

}  // namespace sqlx::query_check

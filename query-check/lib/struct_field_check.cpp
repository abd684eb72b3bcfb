#include <string>
#include <vector>

#include "checks.hpp"
#include "codegen/codegen.hpp"
#include "sql_positions.hpp"

namespace sqlx::query_check {
namespace {

// A result column as the header sees it: the label without its override suffix, nullability
// after the `!` / `?` overrides (unknown counts as nullable).
struct result_column {
  std::string name;
  std::string pg_type;
  bool nullable;
};

std::vector<result_column> result_columns(const core::query_description& description) {
  std::vector<result_column> out;
  for (const auto& column : description.columns) {
    const core::column_label label = core::parse_column_label(column.name);
    bool nullable = column.nullable.value_or(true);
    if (label.force_not_null) nullable = false;
    if (label.force_nullable) nullable = true;
    out.push_back({label.name, column.type.type_name, nullable});
  }
  return out;
}

const clang::FieldDecl* field_named(const clang::CXXRecordDecl& row, const std::string& name) {
  for (const clang::FieldDecl* field : row.fields()) {
    if (field->getName() == name) return field;
  }
  return nullptr;
}

}  // namespace

void struct_field_check::run(const check_context& context, const tagged_query& query,
                             const core::query_description& description) {
  if (query.kind != query_kind::as || query.row == nullptr) return;
  const clang::SourceManager& sm = context.ast.getSourceManager();
  const std::vector<result_column> columns = result_columns(description);
  // A nested struct's columns are labelled with paths ("author.name", docs/nested-structs.md):
  // the header checks those, with the same messages.
  for (const result_column& column : columns) {
    if (column.name.find('.') != std::string::npos) return;
  }
  const std::vector<std::size_t> offsets = column_offsets(query.text, description.db);

  // The note that shows the column in the SQL (the literal itself when the select list does
  // not map onto the columns, e.g. `SELECT *`).
  auto column_note = [&](std::size_t c) {
    const clang::SourceLocation at = offsets.size() == columns.size()
                                         ? location_in_literal(context, query, offsets[c])
                                         : file_location(sm, query.literal->getBeginLoc());
    return diagnostic_note{at, "column `" + columns[c].name + "` (" + columns[c].pg_type +
                                   (columns[c].nullable ? ", nullable" : ", not null") +
                                   ") of the query"};
  };

  const std::string struct_name = query.row->getNameAsString();
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const result_column& column = columns[c];
    const clang::FieldDecl* field = field_named(*query.row, column.name);
    if (field == nullptr) {
      context.sink.report({"struct-field",
                           severity::error,
                           file_location(sm, query.row->getLocation()),
                           "struct `" + struct_name + "` has no field for column `" + column.name +
                               "` (" + column.pg_type + ")",
                           {column_note(c)}});
      continue;
    }
    const clang::QualType type = field->getType().getUnqualifiedType();
    const clang::SourceLocation at = file_location(sm, field->getLocation());
    if (!context.types.accepts(type, column.pg_type, description.db).value_or(true)) {
      context.sink.report({"struct-field",
                           severity::error,
                           at,
                           "field type does not match column `" + column.name +
                               "`: " + std::string(core::db_name(description.db)) + " " +
                               column.pg_type + ", C++ " + context.types.name(type),
                           {column_note(c)}});
    } else if (column.nullable && !context.types.is_optional(type).value_or(true)) {
      context.sink.report({"struct-field",
                           severity::error,
                           at,
                           "nullable column `" + column.name + "` (" + column.pg_type +
                               ") needs a std::optional field, not " + context.types.name(type),
                           {column_note(c)}});
    }
  }
  for (const clang::FieldDecl* field : query.row->fields()) {
    const std::string name = field->getNameAsString();
    bool has_column = false;
    for (const auto& column : columns) has_column = has_column || column.name == name;
    if (!has_column) {
      context.sink.report({"struct-field",
                           severity::error,
                           file_location(sm, field->getLocation()),
                           "struct field `" + name + "` has no column in the query's result",
                           {}});
    }
  }
}

}  // namespace sqlx::query_check

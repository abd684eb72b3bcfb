// The checks about the query itself: is it known, did the server accept it.
#include <algorithm>

#include "checks.hpp"

namespace sqlx::query_check {

clang::SourceLocation location_in_literal(const check_context& context, const tagged_query& query,
                                          std::size_t offset) {
  const clang::SourceManager& sm = context.ast.getSourceManager();
  if (query.text.empty()) return file_location(sm, query.literal->getBeginLoc());
  offset = std::min(offset, query.text.size() - 1);
  // Clang maps a byte of the literal's value back to the token and character it came from.
  const clang::SourceLocation loc = query.literal->getLocationOfByte(
      static_cast<unsigned>(offset), sm, context.ast.getLangOpts(), context.ast.getTargetInfo());
  return file_location(sm, loc);
}

void missing_metadata_check::run(const check_context& context, const tagged_query& query,
                                 const query_lookup& found) {
  if (found.description || found.rejected) return;
  const clang::SourceManager& sm = context.ast.getSourceManager();
  const clang::SourceLocation at = file_location(sm, query.literal->getBeginLoc());
  context.sink.report({"missing-metadata",
                       severity::error,
                       at,
                       "query has no metadata in .sqlx-cpp/",
                       {{at,
                         "run `sqlcheck prepare` to describe it and record its metadata (or set "
                         "DATABASE_URL to check it against a live database)"}}});
}

void server_error_check::run(const check_context& context, const tagged_query& query,
                             const query_lookup& found) {
  if (!found.rejected) return;
  const core::server_error& error = *found.rejected;
  const clang::SourceLocation at =
      error.position > 0
          ? location_in_literal(context, query,
                                core::byte_offset_of_position(query.text, error.position))
          : file_location(context.ast.getSourceManager(), query.literal->getBeginLoc());
  diagnostic found_error{"rejected-query", severity::error, at, error.message, {}};
  if (!error.detail.empty()) found_error.notes.push_back({at, "detail: " + error.detail});
  if (!error.hint.empty()) found_error.notes.push_back({at, "hint: " + error.hint});
  context.sink.report(found_error);
}

void header_verdict_check::run(const check_context& context, const tagged_query& query,
                               bool reported_anything) {
  if (query.header == tagged_query::verdict::runnable || reported_anything) return;
  const clang::SourceLocation at =
      file_location(context.ast.getSourceManager(), query.literal->getBeginLoc());
  if (query.header == tagged_query::verdict::unknown) {
    context.sink.report(
        {"header-check",
         severity::error,
         at,
         "query is not in the checked-query header, but query-check found no problem in it",
         {{at,
           "the header (sqlx_cpp_check, SQLX_CPP_QUERIES_HEADER) is generated from another "
           ".sqlx-cpp/ than query-check reads, or before `sqlcheck prepare` recorded the query: "
           "rebuild"}}});
    return;
  }
  context.sink.report({"header-check",
                       severity::error,
                       at,
                       "the checked-query header rejects this query, but query-check found no "
                       "problem in it",
                       {{at,
                         "the header's metadata differs from query-check's (another .sqlx-cpp/, "
                         "or the live database): re-run `sqlcheck prepare`, or compile without "
                         "the plugin to see the header's error"}}});
}

}  // namespace sqlx::query_check

#include "query_checker.hpp"

#include <clang/AST/ASTContext.h>
#include <clang/Basic/SourceManager.h>

#include <filesystem>
#include <set>
#include <string>
#include <utility>

#include "checks.hpp"
#include "dynamic_query_check.hpp"
#include "environment/database_url.hpp"
#include "metadata/dynamic_index.hpp"
#include "runtime/internal/redact.hpp"

namespace sqlx::query_check {
namespace {

// A query used in a template is found once per instantiation: each problem is shown once.
class deduplicating_sink final : public diagnostic_sink {
 public:
  explicit deduplicating_sink(diagnostic_sink& next) : next_(next) {}
  void report(const diagnostic& found) override {
    ++reported_;
    if (seen_.emplace(found.where.getRawEncoding(), found.message).second) next_.report(found);
  }
  // Findings so far, repeated ones included.
  [[nodiscard]] std::size_t count() const noexcept { return reported_; }

 private:
  diagnostic_sink& next_;
  std::set<std::pair<clang::SourceLocation::UIntTy, std::string>> seen_;
  std::size_t reported_ = 0;
};

std::filesystem::path main_file(const clang::SourceManager& sm) {
  const auto entry = sm.getFileEntryRefForID(sm.getMainFileID());
  return entry ? std::filesystem::path(entry->getName().str()) : std::filesystem::path();
}

}  // namespace

// A program using both databases: DATABASE_URL names one of them, and a query `.sqlx-cpp/`
// records as the other's is judged by its file, not by a database it does not run on.
void query_checker::keep_other_database_offline(clang::ASTContext& context,
                                                const std::vector<std::string>& texts,
                                                core::database live,
                                                std::vector<query_lookup>& found) {
  std::vector<query_lookup> offline;
  try {
    offline = registry_.for_source(main_file(context.getSourceManager())).lookup(texts);
  } catch (const std::exception&) {
    return;  // an unusable .sqlx-cpp/: the live answers stand
  }
  for (std::size_t i = 0; i < found.size(); ++i) {
    if (offline[i].description && offline[i].description->db != live) found[i] = offline[i];
  }
}

void query_checker::HandleTranslationUnit(clang::ASTContext& context) {
  deduplicating_sink sink(sink_);
  const type_probe types(context);
  const check_context check{context, types, sink};
  // Calls on query objects, wherever the objects were made.
  wrong_database_check::run(check);
  const std::vector<tagged_query> queries = find_tagged_queries(context);
  if (queries.empty()) return;

  // The texts to look up: each query's, or each combination's of a dynamic query.
  std::vector<std::string> texts;
  texts.reserve(queries.size());
  std::vector<std::optional<core::dynamic_query_text>> dynamic(queries.size());
  std::vector<std::size_t> first_text(queries.size());
  for (std::size_t i = 0; i < queries.size(); ++i) {
    first_text[i] = texts.size();
    try {
      dynamic[i] = core::parse_dynamic_query(queries[i].text);
    } catch (const core::dynamic_syntax_error&) {
      // prepare reports it; here the query is unknown.
    }
    if (!dynamic[i]) {
      texts.push_back(queries[i].text);
      continue;
    }
    for (std::size_t k = 0; k < dynamic[i]->combinations(); ++k) {
      texts.push_back(dynamic[i]->expand(k).text);
    }
  }

  std::vector<query_lookup> found;
  std::optional<std::string> url;
  if (online_) {
    try {
      // Online mode as sqlcheck generate decides it (core::online_database_url), from the
      // directory the compiler runs in.
      std::error_code ec;
      const std::filesystem::path cwd = std::filesystem::current_path(ec);
      url = core::online_database_url(ec ? std::filesystem::path("/") : cwd);
      if (url) {
        found = live_metadata(*url).lookup(texts);
        keep_other_database_offline(context, texts, core::database_of_url(*url), found);
      }
    } catch (const std::exception& e) {
      // A missing server must not hide the offline checks: say so once and go on offline.
      sink.report({"database",
                   severity::warning,
                   queries.front().macro,
                   (url ? "cannot describe queries on " + pg::detail::redact_conninfo(*url) + " ("
                        : std::string("cannot find the database (")) +
                       e.what() + "); checking against .sqlx-cpp/ instead",
                   {}});
    }
  }
  if (found.empty()) {
    try {
      auto& offline = registry_.for_source(main_file(context.getSourceManager()));
      found = offline.lookup(texts);
      for (const auto& query : dynamic) {
        if (query) offline.mark_used(core::dynamic_index_file_name(query->text));
      }
    } catch (const std::exception& e) {
      sink.report({"metadata", severity::error, queries.front().macro, e.what(), {}});
      return;
    }
  }

  for (std::size_t i = 0; i < queries.size(); ++i) {
    const std::size_t before = sink.count();
    if (dynamic[i]) {
      dynamic_query_check::run(
          check, queries[i], *dynamic[i],
          std::span<const query_lookup>(found).subspan(first_text[i], dynamic[i]->combinations()));
      header_verdict_check::run(check, queries[i], sink.count() != before);
      continue;
    }
    const query_lookup& lookup = found[first_text[i]];
    missing_metadata_check::run(check, queries[i], lookup);
    server_error_check::run(check, queries[i], lookup);
    if (lookup.description) {
      bind_argument_check::run(check, queries[i], *lookup.description);
      struct_field_check::run(check, queries[i], *lookup.description);
    }
    header_verdict_check::run(check, queries[i], sink.count() != before);
  }
}

}  // namespace sqlx::query_check

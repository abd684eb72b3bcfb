// A query run on the other database's executor (a SQLite query on a PostgreSQL connection, or
// the reverse): under SQLX_CPP_QUERY_CHECK the query classes resolve such a call to an overload
// whose last parameter is sqlx::detail::wrong_database_executor<Db> (Db: the query's database,
// sqlx/detail/wrong_database.hpp); this finds those calls and reports them at the executor.
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>

#include <string>

#include "checks.hpp"

namespace sqlx::query_check {
namespace {

// The database a marked overload's query was prepared for; nullopt for any other call.
std::optional<core::database> marked_query_database(const clang::CXXMethodDecl& method) {
  if (method.getNumParams() == 0) return std::nullopt;
  const clang::QualType type = method.getParamDecl(method.getNumParams() - 1)->getType();
  const auto* spec =
      llvm::dyn_cast_or_null<clang::ClassTemplateSpecializationDecl>(type->getAsCXXRecordDecl());
  if (spec == nullptr ||
      spec->getQualifiedNameAsString() != "sqlx::detail::wrong_database_executor")
    return std::nullopt;
  const clang::TemplateArgumentList& args = spec->getTemplateArgs();
  if (args.size() != 1 || args[0].getKind() != clang::TemplateArgument::Integral)
    return std::nullopt;
  return args[0].getAsIntegral().getZExtValue() == 0 ? core::database::postgres
                                                     : core::database::sqlite;
}

// The SQL literal of the query object when the call is made on the macro's result directly
// (`SQLX_QUERY(...).fetch_all(db)`); null when the object comes from a variable.
const clang::StringLiteral* literal_of(const clang::Expr* object) {
  const auto* call = llvm::dyn_cast_or_null<clang::CallExpr>(object->IgnoreImplicit());
  if (call == nullptr) {
    if (const auto* temp = llvm::dyn_cast<clang::MaterializeTemporaryExpr>(object)) {
      call = llvm::dyn_cast<clang::CallExpr>(temp->getSubExpr()->IgnoreImplicit());
    }
  }
  const clang::FunctionDecl* callee = call != nullptr ? call->getDirectCallee() : nullptr;
  if (callee == nullptr || callee->getQualifiedNameAsString() != "sqlx::detail::bind" ||
      call->getNumArgs() < 1) {
    return nullptr;
  }
  const clang::Stmt* stmt = call->getArg(0);
  while (stmt != nullptr && !llvm::isa<clang::StringLiteral>(stmt)) {
    const auto children = stmt->children();
    stmt = children.empty() ? nullptr : *children.begin();
  }
  return llvm::dyn_cast_or_null<clang::StringLiteral>(stmt);
}

class executor_visitor : public clang::RecursiveASTVisitor<executor_visitor> {
 public:
  explicit executor_visitor(const check_context& context) : context_(context) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCXXMemberCallExpr(clang::CXXMemberCallExpr* call) {
    const clang::CXXMethodDecl* method = call->getMethodDecl();
    if (method == nullptr || call->getNumArgs() < 1) return true;
    const std::optional<core::database> query_db = marked_query_database(*method);
    if (!query_db) return true;
    const clang::SourceManager& sm = context_.ast.getSourceManager();
    const clang::Expr* executor = call->getArg(0);
    const bool sqlite = *query_db == core::database::sqlite;
    clang::PrintingPolicy policy(context_.ast.getLangOpts());
    policy.SuppressTagKeyword = true;
    const std::string executor_type =
        executor->getType().getNonReferenceType().getUnqualifiedType().getAsString(policy);
    diagnostic found{"wrong-database",
                     severity::error,
                     file_location(sm, executor->getBeginLoc()),
                     "this query was prepared for " + std::string(core::db_name(*query_db)) +
                         " (its .sqlx-cpp/ metadata says so): it cannot run on a " +
                         (sqlite ? "PostgreSQL" : "SQLite") + " connection, pool or transaction (" +
                         executor_type + ")",
                     {}};
    if (const clang::StringLiteral* literal = literal_of(call->getImplicitObjectArgument())) {
      found.notes.push_back({file_location(sm, literal->getBeginLoc()),
                             "the " + std::string(core::db_name(*query_db)) + " query"});
    }
    context_.sink.report(found);
    return true;
  }

 private:
  const check_context& context_;
};

}  // namespace

void wrong_database_check::run(const check_context& context) {
  executor_visitor visitor(context);
  visitor.TraverseDecl(context.ast.getTranslationUnitDecl());
}

}  // namespace sqlx::query_check

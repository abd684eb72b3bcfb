#include "tagged_query.hpp"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <set>

namespace sqlx::query_check {
namespace {

// The macros expand to `sqlx::detail::bind<query_hash(sql), kind, Row>(sql, args...)`: the
// call's template arguments give the kind, the row and the argument types, its arguments the
// literal and the bind arguments.
const clang::TemplateArgumentList* tagged_call_arguments(const clang::CallExpr* call) {
  const clang::FunctionDecl* callee = call->getDirectCallee();
  if (callee == nullptr || !callee->getIdentifier() || callee->getName() != "bind") return nullptr;
  if (callee->getQualifiedNameAsString() != "sqlx::detail::bind") return nullptr;
  const clang::TemplateArgumentList* args = callee->getTemplateSpecializationArgs();
  if (args == nullptr || args->size() != 4 || call->getNumArgs() < 1) return nullptr;
  return args;
}

// The SQL literal inside the first argument (under the consteval conversion to checked_sql).
const clang::StringLiteral* find_literal(const clang::Stmt* stmt) {
  if (stmt == nullptr) return nullptr;
  if (const auto* literal = llvm::dyn_cast<clang::StringLiteral>(stmt)) return literal;
  for (const clang::Stmt* child : stmt->children()) {
    if (const auto* literal = find_literal(child)) return literal;
  }
  return nullptr;
}

class query_visitor : public clang::RecursiveASTVisitor<query_visitor> {
 public:
  explicit query_visitor(clang::ASTContext& context) : context_(context) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitCallExpr(clang::CallExpr* call) {
    const clang::TemplateArgumentList* template_args = tagged_call_arguments(call);
    if (template_args == nullptr) return true;
    const clang::StringLiteral* literal = find_literal(call->getArg(0));
    if (literal == nullptr || literal->getCharByteWidth() != 1) return true;
    if (!seen_.insert(call).second) return true;

    const clang::SourceManager& sm = context_.getSourceManager();
    tagged_query query;
    const clang::TemplateArgumentList& args = *template_args;
    query.kind = static_cast<query_kind>(args[1].getAsIntegral().getZExtValue());
    if (query.kind == query_kind::as) query.row = args[2].getAsType()->getAsCXXRecordDecl();
    query.literal = literal;
    query.text = literal->getBytes().str();
    query.macro = sm.getExpansionLoc(call->getBeginLoc());
    if (const auto* result = call->getType()->getAsCXXRecordDecl()) {
      const std::string name = result->getQualifiedNameAsString();
      if (name == "sqlx::detail::query_check_rejected")
        query.header = tagged_query::verdict::rejected;
      if (name == "sqlx::detail::query_check_unknown")
        query.header = tagged_query::verdict::unknown;
    }

    // Args of `bind(checked_sql<...>, const Args&... args)`, as the header sees them.
    std::vector<clang::QualType> types;
    for (const clang::TemplateArgument& element : args[3].pack_elements()) {
      types.push_back(element.getAsType().getNonReferenceType().getUnqualifiedType());
    }
    for (unsigned i = 1; i < call->getNumArgs(); ++i) {
      const clang::Expr* expr = call->getArg(i);
      const clang::QualType type = i - 1 < types.size()
                                       ? types[i - 1]
                                       : expr->getType().getNonReferenceType().getUnqualifiedType();
      query.arguments.push_back({expr, type});
    }
    queries_.push_back(std::move(query));
    return true;
  }

  std::vector<tagged_query> take() { return std::move(queries_); }

 private:
  clang::ASTContext& context_;
  std::set<const clang::CallExpr*> seen_;
  std::vector<tagged_query> queries_;
};

}  // namespace

std::vector<tagged_query> find_tagged_queries(clang::ASTContext& context) {
  query_visitor visitor(context);
  visitor.TraverseDecl(context.getTranslationUnitDecl());
  return visitor.take();
}

clang::SourceLocation file_location(const clang::SourceManager& sm, clang::SourceLocation loc) {
  return sm.getFileLoc(loc);
}

}  // namespace sqlx::query_check

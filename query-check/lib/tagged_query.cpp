#include "tagged_query.hpp"

#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

#include <set>

namespace sqlx::query_check {
namespace {

// The macros expand to `query_builder<fixed_string{sql}, kind, Row>::bind(sql, args...)`:
// the builder's template arguments give the kind and the row, the call's the literal and args.
const clang::ClassTemplateSpecializationDecl* query_builder_of(const clang::CallExpr* call) {
  const auto* method = llvm::dyn_cast_or_null<clang::CXXMethodDecl>(call->getDirectCallee());
  if (method == nullptr || !method->getIdentifier() || method->getName() != "bind") return nullptr;
  const auto* builder = llvm::dyn_cast<clang::ClassTemplateSpecializationDecl>(method->getParent());
  if (builder == nullptr || builder->getName() != "query_builder") return nullptr;
  if (builder->getQualifiedNameAsString() != "sqlx::detail::query_builder") return nullptr;
  if (builder->getTemplateArgs().size() != 3 || call->getNumArgs() < 1) return nullptr;
  return builder;
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
    const auto* builder = query_builder_of(call);
    if (builder == nullptr) return true;
    const clang::StringLiteral* literal = find_literal(call->getArg(0));
    if (literal == nullptr || literal->getCharByteWidth() != 1) return true;
    if (!seen_.insert(call).second) return true;

    const clang::SourceManager& sm = context_.getSourceManager();
    tagged_query query;
    const clang::TemplateArgumentList& args = builder->getTemplateArgs();
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
    const clang::FunctionDecl* bind = call->getDirectCallee();
    std::vector<clang::QualType> types;
    if (const auto* template_args = bind->getTemplateSpecializationArgs()) {
      for (const clang::TemplateArgument& arg : template_args->asArray()) {
        if (arg.getKind() != clang::TemplateArgument::Pack) continue;
        for (const clang::TemplateArgument& element : arg.pack_elements()) {
          types.push_back(element.getAsType().getNonReferenceType().getUnqualifiedType());
        }
      }
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

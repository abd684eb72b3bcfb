#include "type_probe.hpp"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/Expr.h>

namespace sqlx::query_check {
namespace {

template <typename T>
T* find_in(clang::ASTContext& context, const clang::DeclContext* scope, llvm::StringRef name) {
  if (scope == nullptr) return nullptr;
  for (clang::NamedDecl* decl : scope->lookup(&context.Idents.get(name))) {
    if (auto* found = llvm::dyn_cast<T>(decl)) return found;
  }
  return nullptr;
}

}  // namespace

type_probe::type_probe(clang::ASTContext& context) : context_(context) {
  const auto* sqlx =
      find_in<clang::NamespaceDecl>(context, context.getTranslationUnitDecl(), "sqlx");
  const auto* ns = find_in<clang::NamespaceDecl>(context, sqlx, "query_check");
  probe_ = find_in<clang::ClassTemplateDecl>(context, ns, "probe");
}

const clang::CXXMethodDecl* type_probe::member(clang::QualType type, std::string_view name) const {
  if (probe_ == nullptr) return nullptr;
  const clang::TemplateArgument arg(type.getCanonicalType().getUnqualifiedType());
  void* insert_pos = nullptr;
  const auto* spec = probe_->findSpecialization(arg, insert_pos);
  if (spec == nullptr) return nullptr;
  const auto* method = find_in<clang::CXXMethodDecl>(context_, spec, name);
  // Only a member the header odr-used has a body the evaluator can run.
  return method != nullptr && method->isDefined() ? method : nullptr;
}

clang::Expr* type_probe::call(const clang::CXXMethodDecl* method,
                              llvm::ArrayRef<clang::Expr*> args) const {
  auto* ref =
      clang::DeclRefExpr::Create(context_, clang::NestedNameSpecifierLoc(), clang::SourceLocation(),
                                 const_cast<clang::CXXMethodDecl*>(method), false,
                                 clang::SourceLocation(), method->getType(), clang::VK_LValue);
  auto* callee = clang::ImplicitCastExpr::Create(
      context_, context_.getPointerType(method->getType()), clang::CK_FunctionToPointerDecay, ref,
      nullptr, clang::VK_PRValue, clang::FPOptionsOverride());
  return clang::CallExpr::Create(context_, callee, args, method->getReturnType(), clang::VK_PRValue,
                                 clang::SourceLocation(), clang::FPOptionsOverride());
}

std::optional<bool> type_probe::accepts(clang::QualType type, std::string_view db_type,
                                        core::database db) const {
  const auto* method = member(type, db == core::database::sqlite ? "accepts_sqlite" : "accepts");
  if (method == nullptr) return std::nullopt;
  const clang::QualType chars = context_.getConstantArrayType(
      context_.CharTy.withConst(), llvm::APInt(32, db_type.size() + 1), nullptr,
      clang::ArraySizeModifier::Normal, 0);
  auto* literal = clang::StringLiteral::Create(context_, llvm::StringRef(db_type),
                                               clang::StringLiteralKind::Ordinary, false, chars,
                                               clang::SourceLocation());
  clang::Expr* arg = clang::ImplicitCastExpr::Create(
      context_, context_.getPointerType(context_.CharTy.withConst()), clang::CK_ArrayToPointerDecay,
      literal, nullptr, clang::VK_PRValue, clang::FPOptionsOverride());
  bool result = false;
  if (!call(method, {arg})->EvaluateAsBooleanCondition(result, context_)) return std::nullopt;
  return result;
}

std::optional<bool> type_probe::is_optional(clang::QualType type) const {
  const auto* method = member(type, "is_optional");
  bool result = false;
  if (method == nullptr || !call(method, {})->EvaluateAsBooleanCondition(result, context_)) {
    return std::nullopt;
  }
  return result;
}

std::string type_probe::name(clang::QualType type) const {
  if (const auto* method = member(type, "name")) {
    if (auto text = call(method, {})->tryEvaluateString(context_)) return *text;
  }
  clang::PrintingPolicy policy(context_.getLangOpts());
  policy.SuppressTagKeyword = true;
  return type.getAsString(policy);
}

}  // namespace sqlx::query_check

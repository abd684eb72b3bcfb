// The clang plugin: `clang++-19 -fplugin=sqlx-query-check.so ...` adds query-check's
// diagnostics to a normal compile. It runs before code generation on the finished AST and
// only reads it, so the object file is produced as without the plugin (unless it reports an
// error, which fails the compile like any other error).
//
// Options: -fplugin-arg-sqlx_query_check-metadata=DIR (default: the nearest .sqlx-cpp above
// the source), -fplugin-arg-sqlx_query_check-offline (never describe on DATABASE_URL).
#include <clang/AST/ASTConsumer.h>
#include <clang/Basic/Diagnostic.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendPluginRegistry.h>
#include <clang/Lex/Preprocessor.h>

#include <memory>
#include <optional>
#include <string>

#include "lib/query_checker.hpp"

namespace sqlx::query_check {
namespace {

// Shows a finding as a clang diagnostic, with its check's name like a warning flag.
class clang_diagnostic_sink final : public diagnostic_sink {
 public:
  explicit clang_diagnostic_sink(clang::DiagnosticsEngine& engine) : engine_(engine) {}

  void report(const diagnostic& found) override {
    engine_.Report(found.where, id(found.level)) << (found.message + " [sqlx-" + found.check + "]");
    for (const auto& note : found.notes) {
      engine_.Report(note.where, id(severity::note)) << note.message;
    }
  }

 private:
  unsigned id(severity level) {
    const auto clang_level = level == severity::error     ? clang::DiagnosticsEngine::Error
                             : level == severity::warning ? clang::DiagnosticsEngine::Warning
                                                          : clang::DiagnosticsEngine::Note;
    return engine_.getCustomDiagID(clang_level, "%0");
  }

  clang::DiagnosticsEngine& engine_;
};

// Owns what the checker refers to for the length of one translation unit.
class plugin_consumer final : public clang::ASTConsumer {
 public:
  plugin_consumer(clang::DiagnosticsEngine& engine, std::optional<std::filesystem::path> dir,
                  bool online)
      : registry_(std::move(dir)), sink_(engine), checker_(registry_, sink_, online) {}

  void HandleTranslationUnit(clang::ASTContext& context) override {
    checker_.HandleTranslationUnit(context);
  }

 private:
  metadata_registry registry_;
  clang_diagnostic_sink sink_;
  query_checker checker_;
};

class query_check_action final : public clang::PluginASTAction {
 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci,
                                                        llvm::StringRef) override {
    // Called before the predefines are read: the header sees SQLX_CPP_QUERY_CHECK, leaves
    // to us the errors we report more precisely, and instantiates our type probes.
    clang::Preprocessor& pp = ci.getPreprocessor();
    pp.setPredefines(pp.getPredefines() + "\n#define " + header_mode_macro + " 1\n");
    return std::make_unique<plugin_consumer>(ci.getDiagnostics(), metadata_dir_, online_);
  }

  bool ParseArgs(const clang::CompilerInstance& ci, const std::vector<std::string>& args) override {
    for (const std::string& arg : args) {
      if (arg.starts_with("metadata=")) {
        metadata_dir_ = arg.substr(std::string_view("metadata=").size());
      } else if (arg == "offline") {
        online_ = false;
      } else {
        clang::DiagnosticsEngine& engine = ci.getDiagnostics();
        engine.Report(engine.getCustomDiagID(clang::DiagnosticsEngine::Error,
                                             "sqlx-query-check: unknown plugin argument '%0'"))
            << arg;
        return false;
      }
    }
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }

 private:
  std::optional<std::filesystem::path> metadata_dir_;
  bool online_ = true;
};

}  // namespace
}  // namespace sqlx::query_check

static const clang::FrontendPluginRegistry::Add<sqlx::query_check::query_check_action> plugin(
    "sqlx_query_check", "checks sqlx-cpp's tagged SQL queries");

// query-check: the LibTooling front end. Checks the tagged queries of the given sources (or of
// every source in compile_commands.json) and prints gcc-style lines or SARIF 2.1.0; exit 1
// when it found an error.
#include <clang/Basic/Diagnostic.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendAction.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/CompilationDatabase.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Support/CommandLine.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "environment/database_url.hpp"
#include "finding.hpp"
#include "lib/query_checker.hpp"

namespace sqlx::query_check {
namespace {

llvm::cl::OptionCategory category("query-check options");
llvm::cl::opt<std::string> format_option("format", llvm::cl::desc("gcc (default) or sarif"),
                                         llvm::cl::init("gcc"), llvm::cl::cat(category));
llvm::cl::opt<std::string> metadata_option(
    "metadata", llvm::cl::desc("the .sqlx-cpp directory (default: the nearest above each source)"),
    llvm::cl::cat(category));
llvm::cl::opt<std::string> build_path("p",
                                      llvm::cl::desc("the build directory (compile_commands.json)"),
                                      llvm::cl::init("build"), llvm::cl::cat(category));
llvm::cl::list<std::string> source_paths(
    llvm::cl::Positional, llvm::cl::desc("[<source>...] (default: every source of the build)"),
    llvm::cl::cat(category));
llvm::cl::opt<bool> offline_option(
    "offline", llvm::cl::desc("never describe queries on DATABASE_URL, only read .sqlx-cpp/"),
    llvm::cl::cat(category));

place place_of(const clang::SourceManager& sm, clang::SourceLocation loc) {
  const clang::PresumedLoc presumed = sm.getPresumedLoc(sm.getFileLoc(loc));
  if (presumed.isInvalid()) return {};
  return {presumed.getFilename(), presumed.getLine(), presumed.getColumn()};
}

// Resolves the checker's findings to file:line:col while the translation unit is alive.
class finding_sink final : public diagnostic_sink {
 public:
  finding_sink(const clang::SourceManager& sm, std::vector<finding>& out) : sm_(sm), out_(out) {}
  void report(const diagnostic& found) override {
    finding f{"sqlx-" + found.check,
              found.level == severity::error ? "error" : "warning",
              place_of(sm_, found.where),
              found.message,
              {}};
    for (const auto& note : found.notes)
      f.notes.push_back({place_of(sm_, note.where), note.message});
    out_.push_back(std::move(f));
  }

 private:
  const clang::SourceManager& sm_;
  std::vector<finding>& out_;
};

// The compiler's own errors (a source that does not compile cannot be fully checked) are
// shown too; its warnings are not query-check's business.
class compiler_error_sink final : public clang::DiagnosticConsumer {
 public:
  explicit compiler_error_sink(std::vector<finding>& out) : out_(out) {}
  void HandleDiagnostic(clang::DiagnosticsEngine::Level level,
                        const clang::Diagnostic& info) override {
    DiagnosticConsumer::HandleDiagnostic(level, info);
    if (level < clang::DiagnosticsEngine::Error) return;
    llvm::SmallString<256> message;
    info.FormatDiagnostic(message);
    place where;
    if (info.hasSourceManager() && info.getLocation().isValid()) {
      where = place_of(info.getSourceManager(), info.getLocation());
    }
    out_.push_back({"clang", "error", where, message.str().str(), {}});
  }

 private:
  std::vector<finding>& out_;
};

class check_action final : public clang::ASTFrontendAction {
 public:
  check_action(metadata_registry& registry, std::vector<finding>& out, bool online)
      : registry_(registry), out_(out), online_(online) {}

 protected:
  std::unique_ptr<clang::ASTConsumer> CreateASTConsumer(clang::CompilerInstance& ci,
                                                        llvm::StringRef) override {
    sink_ = std::make_unique<finding_sink>(ci.getSourceManager(), out_);
    return std::make_unique<query_checker>(registry_, *sink_, online_);
  }

 private:
  metadata_registry& registry_;
  std::vector<finding>& out_;
  bool online_;
  std::unique_ptr<finding_sink> sink_;
};

class check_action_factory final : public clang::tooling::FrontendActionFactory {
 public:
  check_action_factory(metadata_registry& registry, std::vector<finding>& out, bool online)
      : registry_(registry), out_(out), online_(online) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<check_action>(registry_, out_, online_);
  }

 private:
  metadata_registry& registry_;
  std::vector<finding>& out_;
  bool online_;
};

// The plugin in a project's compile commands would check everything a second time.
clang::tooling::ArgumentsAdjuster strip_plugin() {
  return [](const clang::tooling::CommandLineArguments& args, llvm::StringRef) {
    clang::tooling::CommandLineArguments out;
    for (const auto& arg : args) {
      if (!llvm::StringRef(arg).starts_with("-fplugin")) out.push_back(arg);
    }
    return out;
  };
}

int run(int argc, const char** argv) {
  // clang-tidy's convention first: `FILES -- FLAGS` is one fixed compile command for every
  // file, no build directory needed. It takes "--" and the flags out of argv.
  std::string load_error;
  std::unique_ptr<clang::tooling::CompilationDatabase> compilations =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(argc, argv, load_error);
  if (!load_error.empty()) {
    llvm::errs() << "query-check: after --: " << load_error << "\n";
    return 2;
  }
  llvm::cl::HideUnrelatedOptions(category);
  if (!llvm::cl::ParseCommandLineOptions(
          argc, argv,
          "query-check: checks sqlx-cpp's tagged queries\n\n"
          "  query-check [options] [<source>...]            (compile_commands.json under -p)\n"
          "  query-check [options] <source>... -- <flags>   (the same flags for every source)\n",
          &llvm::errs())) {
    return 2;
  }
  const bool fixed_flags = compilations != nullptr;
  if (!compilations) {
    compilations =
        clang::tooling::CompilationDatabase::autoDetectFromDirectory(build_path, load_error);
  }
  if (!compilations) {
    llvm::errs() << "query-check: " << load_error
                 << " (or give the sources and their flags: query-check FILES -- FLAGS)\n";
    return 2;
  }
  if (fixed_flags && source_paths.empty()) {
    llvm::errs() << "query-check: with `-- FLAGS`, name the sources to check before the `--`\n";
    return 2;
  }
  if (format_option != "gcc" && format_option != "sarif") {
    llvm::errs() << "query-check: --format is gcc or sarif\n";
    return 2;
  }
  const bool whole_project = source_paths.empty();
  const std::vector<std::string> files =
      whole_project ? compilations->getAllFiles()
                    : std::vector<std::string>(source_paths.begin(), source_paths.end());

  clang::tooling::ClangTool tool(*compilations, files);
  tool.appendArgumentsAdjuster(strip_plugin());
  // Found next to the installed clang, not next to this program.
  tool.appendArgumentsAdjuster(
      clang::tooling::getInsertArgumentAdjuster("-resource-dir=" SQLX_QUERY_CHECK_RESOURCE_DIR,
                                                clang::tooling::ArgumentInsertPosition::BEGIN));
  tool.appendArgumentsAdjuster(clang::tooling::getInsertArgumentAdjuster(
      {std::string("-D") + header_mode_macro + "=1", "-w"},
      clang::tooling::ArgumentInsertPosition::END));

  std::vector<finding> findings;
  compiler_error_sink compiler_errors(findings);
  tool.setDiagnosticConsumer(&compiler_errors);
  std::optional<std::filesystem::path> dir;
  if (!metadata_option.empty()) dir = std::filesystem::path(metadata_option.getValue());
  metadata_registry registry(dir);
  bool online = false;
  try {
    online =
        !offline_option && core::online_database_url(std::filesystem::current_path()).has_value();
  } catch (const std::exception& e) {  // a broken .env: named, its value never shown
    llvm::errs() << "query-check: " << e.what() << "\n";
    return 1;
  }
  check_action_factory factory(registry, findings, online);
  const int status = tool.run(&factory);

  // Like `sqlcheck prepare --check`: only a run over the whole project (offline) knows that a
  // file is used by no query.
  if (whole_project && !online) {
    for (const auto& [metadata_dir, metadata] : registry.dirs()) {
      for (const auto& file : unused_metadata_files(metadata_dir, metadata.used_files())) {
        findings.push_back({"sqlx-unused-metadata",
                            "warning",
                            {file.string(), 1, 1},
                            "no query in the checked sources uses this metadata file; "
                            "`sqlcheck prepare` removes it",
                            {}});
      }
    }
  }

  bool error = status != 0;
  for (const finding& f : findings) error = error || f.level == "error";
  if (format_option == "sarif") {
    print_sarif(std::cout, findings, std::filesystem::current_path().string());
  } else {
    print_gcc(std::cout, findings);
  }
  return error ? 1 : 0;
}

}  // namespace
}  // namespace sqlx::query_check

int main(int argc, const char** argv) {
  return sqlx::query_check::run(argc, argv);
}

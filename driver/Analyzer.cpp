//===--- Analyzer.cpp - run the leaklint checks over translation units ----===//

#include "Analyzer.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <mutex>

using namespace clang;
using namespace clang::tidy;

namespace leaklint {
namespace {

/// The driver runs leaklint's checks. A project's .clang-tidy written for
/// clang-tidy ("-*,bugprone-*") must not switch them all off, so when the
/// merged configuration names no leaklint check, every leaklint check is
/// enabled; a configuration that does name them (e.g.
/// "-leaklint-lambda-capture") is obeyed as written. The Static Analyzer
/// checks that clang-tidy's library carries are never run by the driver.
class LeaklintOptionsProvider : public ClangTidyOptionsProvider {
public:
  explicit LeaklintOptionsProvider(
      std::unique_ptr<ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef File) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(File);
    bool NamesLeaklint = false;
    for (const OptionsSource &Source : Sources)
      if (Source.first.Checks &&
          llvm::StringRef(*Source.first.Checks).contains("leaklint"))
        NamesLeaklint = true;
    ClangTidyOptions Adjust;
    Adjust.Checks = NamesLeaklint ? "-clang-analyzer-*"
                                  : "leaklint-*,-clang-analyzer-*";
    Sources.emplace_back(std::move(Adjust), "leaklint driver");
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
};

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const AnalysisOptions &Opts) {
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,leaklint-*";
  Defaults.HeaderFilterRegex = Opts.HeaderFilterRegex;
  Defaults.SystemHeaders = false;
  ClangTidyOptions Overrides;
  if (Opts.Checks)
    Overrides.Checks = *Opts.Checks;

  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  if (Opts.ConfigYAML) {
    // validateOptions() has already rejected a malformed configuration.
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfiguration(
        llvm::MemoryBufferRef(*Opts.ConfigYAML, "leaklint-config"));
    Inner = std::make_unique<ConfigOptionsProvider>(
        Global, Defaults, Parsed ? *Parsed : ClangTidyOptions(), Overrides);
  } else {
    Inner = std::make_unique<FileOptionsProvider>(
        Global, Defaults, Overrides, llvm::vfs::getRealFileSystem());
  }
  return std::make_unique<LeaklintOptionsProvider>(std::move(Inner));
}

/// Line and column of byte offsets, from the file's text as it is on disk.
class LineTable {
public:
  Location locate(llvm::StringRef File, unsigned Offset) {
    Location L;
    L.File = File.str();
    L.Offset = Offset;
    const llvm::MemoryBuffer *Buffer = get(File);
    if (!Buffer)
      return L;
    llvm::StringRef Text = Buffer->getBuffer().take_front(Offset);
    L.Line = 1 + Text.count('\n');
    size_t LineStart = Text.rfind('\n');
    L.Column = 1 + Offset - (LineStart == llvm::StringRef::npos ? 0 : LineStart + 1);
    return L;
  }

private:
  const llvm::MemoryBuffer *get(llvm::StringRef File) {
    auto It = Buffers.find(File);
    if (It == Buffers.end()) {
      auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                /*RequiresNullTerminator=*/false);
      It = Buffers.try_emplace(File, Buffer ? std::move(*Buffer) : nullptr).first;
    }
    return It->second.get();
  }
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

Finding toFinding(const ClangTidyError &Error, LineTable &Lines) {
  Finding F;
  F.Check = Error.DiagnosticName;
  F.Level = Error.DiagLevel == tooling::Diagnostic::Error ? Severity::Error
                                                          : Severity::Warning;
  F.Message = Error.Message.Message;
  F.Where = Lines.locate(Error.Message.FilePath, Error.Message.FileOffset);
  for (const tooling::DiagnosticMessage &N : Error.Notes)
    F.Notes.push_back({Lines.locate(N.FilePath, N.FileOffset), N.Message});
  for (const auto &FileAndReplacements : Error.Message.Fix)
    for (const tooling::Replacement &R : FileAndReplacements.second)
      F.Fix.push_back({R.getFilePath().str(), R.getOffset(), R.getLength(),
                       R.getReplacementText().str()});
  return F;
}

/// Creates the clang-tidy AST consumer for each file, as clang-tidy does.
class TidyActionFactory : public tooling::FrontendActionFactory {
public:
  explicit TidyActionFactory(ClangTidyContext &Context)
      : ConsumerFactory(Context) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory);
  }

  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // Code guarded by __clang_analyzer__ is what analysers are meant to see.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(ClangTidyASTConsumerFactory &Factory) : Factory(Factory) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   llvm::StringRef File) override {
      return Factory.createASTConsumer(CI, File);
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
  };

  ClangTidyASTConsumerFactory ConsumerFactory;
};

UnitResult analyzeUnit(const tooling::CompilationDatabase &DB,
                       const std::string &File, const AnalysisOptions &Opts) {
  UnitResult Result;
  Result.File = File;
  ClangTidyContext Context(makeOptionsProvider(Opts));
  tooling::ClangTool Tool(DB, {File});
  Tool.setPrintErrorMessage(false);
  if (!Opts.ExtraArgs.empty())
    Tool.appendArgumentsAdjuster(tooling::getInsertArgumentAdjuster(
        Opts.ExtraArgs, tooling::ArgumentInsertPosition::END));
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());

  ClangTidyDiagnosticConsumer Consumer(Context, nullptr,
                                       /*RemoveIncompatibleErrors=*/true);
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                           &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Consumer);
  TidyActionFactory Factory(Context);

  int Status = 0;
  llvm::CrashRecoveryContext Recovery;
  if (!Recovery.RunSafely([&] { Status = Tool.run(&Factory); })) {
    Result.Failure = "leaklint crashed while analysing this file; please "
                     "report it with the file attached";
    return Result;
  }

  LineTable Lines;
  for (const ClangTidyError &Error : Consumer.take())
    Result.Findings.push_back(toFinding(Error, Lines));
  bool HasError = llvm::any_of(Result.Findings, [](const Finding &F) {
    return F.isToolError();
  });
  // ClangTool fails without a diagnostic when, e.g., the file cannot be read.
  if (Status != 0 && !HasError)
    Result.Failure = "the compiler could not process this file";
  return Result;
}

} // namespace

std::string validateOptions(const AnalysisOptions &Opts,
                            std::vector<std::string> &EnabledChecks) {
  if (Opts.ConfigYAML) {
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfiguration(
        llvm::MemoryBufferRef(*Opts.ConfigYAML, "leaklint-config"));
    if (!Parsed)
      return "invalid configuration: " + Parsed.getError().message();
  }
  ClangTidyOptions Effective =
      makeOptionsProvider(Opts)->getOptions("leaklint-probe.cpp");
  EnabledChecks = getCheckNames(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  if (EnabledChecks.empty())
    return "no leaklint check is enabled (see --checks and --list-checks)";
  return {};
}

std::vector<UnitResult>
analyze(const tooling::CompilationDatabase &DB, llvm::ArrayRef<std::string> Files,
        const AnalysisOptions &Opts, unsigned Jobs,
        llvm::function_ref<void(const std::string &File)> Progress) {
  llvm::CrashRecoveryContext::Enable();
  std::vector<UnitResult> Results(Files.size());
  std::mutex ProgressMutex;
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        Results[I] = analyzeUnit(DB, Files[I], Opts);
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        Progress(Files[I]);
      });
    Pool.wait();
  }
  return Results;
}

} // namespace leaklint

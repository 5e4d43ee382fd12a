//===--- Analyzer.cpp - run the leaklint checks over translation units ----===//

#include "Analyzer.h"
#include "Cache.h"
#include "CheckTable.h"
#include "KeptUnits.h"
#include "LexicalOutline.h"
#include "LlvmCompat.h"
#include "ProjectConfig.h"
#include "Recovery.h"
#include "SummaryIndex.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/Config/llvm-config.h"
#if LLVM_VERSION_MAJOR >= 22 // the registry moved into ClangTidyModule.h
#include "clang-tidy/ClangTidyModule.h"
#else
#include "clang-tidy/ClangTidyModuleRegistry.h"
#endif
#include "clang-tidy/GlobList.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendActions.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <atomic>
#include <mutex>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;

namespace leaklint {
namespace {

/// The driver runs leaklint's checks. A project's .clang-tidy written for
/// clang-tidy ("-*,bugprone-*") must not switch them all off, so when the
/// configuration files name no leaklint check, every leaklint check is
/// enabled; a configuration that does name them (e.g.
/// "-leaklint-lambda-capture") is obeyed as written. --checks comes after
/// both, so "--checks=-*,leaklint-owning-pointer" always means what it says.
/// The Static Analyzer checks that clang-tidy's library carries are never run
/// by the driver.
class LeaklintOptionsProvider : public ClangTidyOptionsProvider {
public:
  LeaklintOptionsProvider(std::unique_ptr<ClangTidyOptionsProvider> Inner,
                          std::optional<std::string> CommandLineChecks,
                          ClangTidyOptions::OptionMap Forced)
      : Inner(std::move(Inner)),
        CommandLineChecks(std::move(CommandLineChecks)),
        Forced(std::move(Forced)) {}

  const ClangTidyGlobalOptions &getGlobalOptions() override {
    return Inner->getGlobalOptions();
  }

  std::vector<OptionsSource> getRawOptions(llvm::StringRef File) override {
    std::vector<OptionsSource> Sources = Inner->getRawOptions(File);
    bool NamesLeaklint = false;
    // The first source is the built-in default ("-*,leaklint-*").
    for (size_t I = 1; I < Sources.size(); ++I)
      if (Sources[I].first.Checks &&
          llvm::StringRef(*Sources[I].first.Checks).contains("leaklint"))
        NamesLeaklint = true;
    if (!NamesLeaklint) {
      ClangTidyOptions Enable;
      Enable.Checks = "leaklint-*";
      Sources.emplace_back(std::move(Enable), "leaklint driver");
    }
    if (CommandLineChecks) {
      ClangTidyOptions FromCommandLine;
      FromCommandLine.Checks = *CommandLineChecks;
      Sources.emplace_back(std::move(FromCommandLine),
                           "command-line option '--checks'");
    }
    ClangTidyOptions NoAnalyzer;
    NoAnalyzer.Checks = "-clang-analyzer-*";
    NoAnalyzer.CheckOptions = Forced;
    Sources.emplace_back(std::move(NoAnalyzer), "leaklint driver");
    return Sources;
  }

private:
  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  std::optional<std::string> CommandLineChecks;
  /// Options the driver sets whatever the configuration says (the
  /// whole-program mode's summary files).
  ClangTidyOptions::OptionMap Forced;
};

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const AnalysisOptions &Opts, size_t Unit = 0) {
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,leaklint-*";
  Defaults.HeaderFilterRegex = Opts.HeaderFilterRegex;
  Defaults.SystemHeaders = false;
  // --header-filter beats a HeaderFilterRegex in .clang-tidy, as in
  // clang-tidy; --checks is added by LeaklintOptionsProvider.
  ClangTidyOptions Overrides;
  if (Opts.HeaderFilterGiven)
    Overrides.HeaderFilterRegex = Opts.HeaderFilterRegex;

  std::unique_ptr<ClangTidyOptionsProvider> Inner;
  if (Opts.ConfigYAML) {
    // validateOptions() has already rejected a malformed configuration.
    std::string Why;
    std::optional<ClangTidyOptions> Parsed = parseConfig(
        llvm::MemoryBufferRef(*Opts.ConfigYAML, "leaklint-config"), Why);
    Inner = std::make_unique<ConfigOptionsProvider>(
        Global, Defaults, Parsed ? *Parsed : ClangTidyOptions(), Overrides);
  } else {
    Inner = std::make_unique<FileOptionsProvider>(Global, Defaults, Overrides,
                                                  projectConfigFileSystem());
  }
  ClangTidyOptions::OptionMap Forced;
  if (!Opts.SummariesDir.empty()) {
    llvm::SmallString<256> Out(Opts.SummariesDir);
    llvm::sys::path::append(Out, llvm::Twine(Unit) + ".jsonl");
    Forced["leaklint-owning-pointer.ExportSummaries"] =
        ClangTidyOptions::ClangTidyValue(Out.str());
  }
  if (!Opts.ImportSummaries.empty())
    Forced["leaklint-owning-pointer.ImportSummaries"] =
        ClangTidyOptions::ClangTidyValue(Opts.ImportSummaries);
  return std::make_unique<LeaklintOptionsProvider>(
      std::move(Inner), Opts.Checks, std::move(Forced));
}

/// The path a report gives File, as clang named it in a unit compiled in
/// BuildDir: absolute, and one spelling for "src/../inc/a.h" and "inc/a.h",
/// so that findings in a header reached both ways are deduplicated. Empty
/// stays empty (a diagnostic without a place).
std::string reportPath(llvm::StringRef File, llvm::StringRef BuildDir) {
  if (File.empty())
    return {};
  llvm::SmallString<256> Clean(File);
  clang::tidy::leaklint::compat::makeAbsolute(BuildDir, Clean);
  llvm::sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
  return std::string(Clean);
}

/// Line and column of byte offsets, from the file's text as it is on disk.
class LineTable {
public:
  /// File as clang named it in a unit compiled in BuildDir.
  Location locate(llvm::StringRef File, unsigned Offset,
                  llvm::StringRef BuildDir) {
    Location L;
    L.File = reportPath(File, BuildDir);
    L.Offset = Offset;
    const llvm::MemoryBuffer *Buffer = get(L.File);
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
  llvm::StringRef Dir = Error.BuildDirectory;
  Finding F;
  F.Check = Error.DiagnosticName;
  // A check option with a bad value ("clang-tidy-config") means the checks
  // did not run as configured: the tool's failure, not a finding.
  F.Level = Error.DiagLevel == tooling::Diagnostic::Error ||
                    Error.DiagnosticName == "clang-tidy-config"
                ? Severity::Error
                : Severity::Warning;
  F.Message = Error.Message.Message;
  F.Where = Lines.locate(Error.Message.FilePath, Error.Message.FileOffset, Dir);
  for (const tooling::DiagnosticMessage &N : Error.Notes)
    F.Notes.push_back({Lines.locate(N.FilePath, N.FileOffset, Dir), N.Message});
  for (const auto &FileAndReplacements : Error.Message.Fix)
    for (const tooling::Replacement &R : FileAndReplacements.second)
      F.Fix.push_back({Lines.locate(R.getFilePath(), 0, Dir).File, R.getOffset(),
                       R.getLength(), R.getReplacementText().str(),
                       Lines.locate(R.getFilePath(), R.getOffset(), Dir),
                       Lines.locate(R.getFilePath(),
                                    R.getOffset() + R.getLength(), Dir)});
  return F;
}

/// Compiles every unit as leaklint does: code guarded by __clang_analyzer__
/// is what analysers are meant to see, and diagnostics reach the user
/// through our report only (without carets the compiler does not print "N
/// errors generated." on stderr).
class LeaklintActionFactory : public tooling::FrontendActionFactory {
public:
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation,
                     FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }
};

/// The fixes are offsets into the text clang read, which may not be what
/// the file holds by the time --fix writes (another run fixed it, an editor
/// saved it): remember that text of each file \p CI read, by the paths of
/// the report (\p Analysed) and by those that opened them (\p Read, for
/// the cache: a report path can be a spelling `..` makes wrong across a
/// symbolic link). The system headers are hashed too: xxh3 hashes
/// gigabytes a second, and telling them apart here crashed on the files of
/// a precompiled header (test/meta/self-check.test uses one).
void recordContents(CompilerInstance &CI, AnalysedContents &Analysed,
                    AnalysedContents &Read) {
  const SourceManager &SM = CI.getSourceManager();
  llvm::ErrorOr<std::string> Dir =
      CI.getFileManager().getVirtualFileSystem().getCurrentWorkingDirectory();
  for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
    if (!It->second)
      continue;
    std::optional<llvm::MemoryBufferRef> Text = It->second->getBufferIfLoaded();
    if (!Text)
      continue;
    ContentDigest Digest = ContentDigest::of(Text->getBuffer());
    mergeAnalysed(Analysed,
                  {{reportPath(It->first.getName(), Dir ? *Dir : ""), Digest}});
    llvm::StringRef Real = It->first.getFileEntry().tryGetRealPathName();
    llvm::SmallString<256> Opened(Real.empty() ? It->first.getName() : Real);
    clang::tidy::leaklint::compat::makeAbsolute(Dir ? *Dir : "", Opened);
    mergeAnalysed(Read, {{std::string(Opened), Digest}});
  }
}

/// Creates the clang-tidy AST consumer for each file, as clang-tidy does.
class TidyActionFactory : public LeaklintActionFactory {
public:
  /// With \p Keep, the parsed unit is taken into it after the analysis.
  TidyActionFactory(ClangTidyASTConsumerFactory &ConsumerFactory,
                    UnitResult &Result, std::unique_ptr<KeptUnit> *Keep)
      : ConsumerFactory(ConsumerFactory), Result(Result), Keep(Keep) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, Result, Keep);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    Action(ClangTidyASTConsumerFactory &Factory, UnitResult &Result,
           std::unique_ptr<KeptUnit> *Keep)
        : Factory(Factory), Result(Result), Keep(Keep) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   llvm::StringRef File) override {
      std::unique_ptr<ASTConsumer> Consumer =
          Factory.createASTConsumer(CI, File);
      if (Keep)
        CI.getPreprocessor().addPPCallbacks(recordIncludes(Includes));
      return Consumer;
    }

    void EndSourceFileAction() override {
      recordContents(getCompilerInstance(), Result.Analysed, Result.Read);
      // A unit with errors is not kept: analysed again, it would lose them.
      if (Keep && !getCompilerInstance().getDiagnostics().hasErrorOccurred()) {
        *Keep = std::make_unique<KeptUnit>(getCompilerInstance(),
                                           std::move(Includes));
        (*Keep)->Analysed = Result.Analysed;
        (*Keep)->Read = Result.Read;
      }
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
    UnitResult &Result;
    std::unique_ptr<KeptUnit> *Keep;
    std::vector<IncludeDirective> Includes;
  };

  ClangTidyASTConsumerFactory &ConsumerFactory;
  UnitResult &Result;
  std::unique_ptr<KeptUnit> *Keep;
};

/// What a unit defines and what it refers to without defining, outside
/// the system headers.
class OutlineVisitor : public RecursiveASTVisitor<OutlineVisitor> {
public:
  OutlineVisitor(const SourceManager &SM, UnitOutline &Out)
      : SM(SM), Out(Out) {}

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (!FD->doesThisDeclarationHaveABody())
      return true;
    add(Out.Defines, FD);
    // By name too, for the units outlined by their tokens only.
    if (FD->isExternallyVisible())
      if (std::string Name = nameOf(FD); !Name.empty())
        Out.Defines.insert(astNameKey(Name));
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    refer(E->getDecl());
    return true;
  }
  bool VisitMemberExpr(MemberExpr *E) {
    refer(E->getMemberDecl());
    return true;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *E) {
    refer(E->getConstructor());
    return true;
  }

private:
  void refer(const Decl *D) {
    const auto *FD = dyn_cast<FunctionDecl>(D);
    if (!FD || FD->hasBody())
      return;
    add(Out.Calls, FD);
    if (std::string Name = nameOf(FD); !Name.empty())
      Out.Calls.insert(tokenNameKey(Name));
  }
  /// The name a function is called by in the source: a constructor's is
  /// its class's; none for operators and destructors.
  static std::string nameOf(const FunctionDecl *FD) {
    if (const auto *C = dyn_cast<CXXConstructorDecl>(FD))
      return C->getParent()->getName().str();
    if (const IdentifierInfo *Id = FD->getIdentifier())
      return Id->getName().str();
    return {};
  }
  static void add(std::set<std::string> &USRs, const FunctionDecl *FD) {
    if (std::string USR = clang::tidy::leaklint::ownership::usrOf(FD);
        !USR.empty())
      USRs.insert(std::move(USR));
  }

  const SourceManager &SM;
  UnitOutline &Out;
};

/// Parses a unit without analysing it: its outline, and the unit itself
/// into \p Keep (unless it has errors).
class OutlineActionFactory : public LeaklintActionFactory {
public:
  OutlineActionFactory(UnitOutline &Out, std::unique_ptr<KeptUnit> &Keep)
      : Out(Out), Keep(Keep) {}

  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(Out, Keep);
  }

private:
  class Consumer : public ASTConsumer {
  public:
    explicit Consumer(UnitOutline &Out) : Out(Out) {}
    void HandleTranslationUnit(ASTContext &Ctx) override {
      OutlineVisitor(Ctx.getSourceManager(), Out)
          .TraverseDecl(Ctx.getTranslationUnitDecl());
    }

  private:
    UnitOutline &Out;
  };

  class Action : public ASTFrontendAction {
  public:
    Action(UnitOutline &Out, std::unique_ptr<KeptUnit> &Keep)
        : Out(Out), Keep(Keep) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                   llvm::StringRef) override {
      CI.getPreprocessor().addPPCallbacks(recordIncludes(Includes));
      return std::make_unique<Consumer>(Out);
    }
    void EndSourceFileAction() override {
      CompilerInstance &CI = getCompilerInstance();
      if (CI.getDiagnostics().hasErrorOccurred())
        return;
      Keep = std::make_unique<KeptUnit>(CI, std::move(Includes));
      recordContents(CI, Keep->Analysed, Keep->Read);
    }

  private:
    UnitOutline &Out;
    std::unique_ptr<KeptUnit> &Keep;
    std::vector<IncludeDirective> Includes;
  };

  UnitOutline &Out;
  std::unique_ptr<KeptUnit> &Keep;
};

/// Writes Text to stderr without allocating.
void putError(llvm::StringRef Text) {
  while (!Text.empty()) {
    ssize_t N = ::write(STDERR_FILENO, Text.data(), Text.size());
    if (N <= 0)
      return;
    Text = Text.drop_front(N);
  }
}

/// A crash may have happened inside malloc (a check that corrupted the heap
/// makes malloc abort while it holds its arena lock): after it, the next
/// allocation in this thread can wait for that lock forever. So there is no
/// going on: say which file, without allocating, and exit with status 2.
[[noreturn]] void exitAfterCrash(const std::string &File, RunOutcome How) {
  if (How == RunOutcome::StackExhausted) {
    putError("\nleaklint: error: '");
    putError(File);
    putError("' nests too deeply to be analysed: its analysis used up the "
             "stack of leaklint's analysis thread; no report was written\n");
  } else {
    putError("\nleaklint: error: leaklint crashed while analysing '");
    putError(File);
    putError("'; no report was written. Please report it with that file "
             "attached; --checks can leave out the check at fault\n");
  }
  ::_exit(2);
}

/// One command per file: a file built twice (a library and a test program,
/// libtool's PIC and non-PIC objects) is analysed once, with its first
/// command, and ClangTool has no per-command progress to print.
class FirstCommandOnly : public tooling::CompilationDatabase {
public:
  explicit FirstCommandOnly(const tooling::CompilationDatabase &DB) : DB(DB) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(StringRef File) const override {
    std::vector<tooling::CompileCommand> Commands = DB.getCompileCommands(File);
    if (Commands.size() > 1)
      Commands.resize(1);
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override {
    return DB.getAllFiles();
  }

private:
  const tooling::CompilationDatabase &DB;
};

/// Runs \p Factory's action over \p File as leaklint compiles it, with the
/// compiler's diagnostics going to \p Diags; the tool's status. A crash
/// ends the process (exitAfterCrash).
int runTool(const tooling::CompilationDatabase &AllCommands,
            const std::string &File, DiagnosticConsumer &Diags,
            tooling::FrontendActionFactory &Factory) {
  FirstCommandOnly DB(AllCommands);
  // ClangTool moves into each compile command's directory. The real file
  // system's working directory is the process's, shared by every thread, so
  // each unit gets a physical file system with a working directory of its
  // own.
  tooling::ClangTool Tool(DB, {File},
                          std::make_shared<PCHContainerOperations>(),
                          llvm::vfs::createPhysicalFileSystem());
  Tool.setPrintErrorMessage(false);
  // The commands were cleaned before (CompileCommands.cpp); a plugin is
  // never loaded into leaklint.
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  Tool.setDiagnosticConsumer(&Diags);
  int Status = 0;
  RunOutcome How = runWithLargeStack([&] { Status = Tool.run(&Factory); });
  if (How != RunOutcome::Finished)
    exitAfterCrash(File, How);
  return Status;
}

/// Analyses \p File: parses it, or with \p Keep runs the checks again over
/// the unit kept there, and keeps there a unit it parses.
UnitResult analyzeUnit(const tooling::CompilationDatabase &AllCommands,
                       const std::string &File, const AnalysisOptions &Opts,
                       size_t Unit, KeptUnits *Keep) {
  UnitResult Result;
  Result.File = File;
  ClangTidyContext Context(makeOptionsProvider(Opts, Unit));
  ClangTidyDiagnosticConsumer Consumer(Context, nullptr,
                                       /*RemoveIncompatibleErrors=*/true);
#if LLVM_VERSION_MAJOR >= 22
  auto DiagOpts = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(DiagnosticIDs::create(), *DiagOpts, &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOpts), &Engine);
#else
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(),
                           &Consumer, /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
#endif
  ClangTidyASTConsumerFactory ConsumerFactory(Context);

  int Status = 0;
  std::unique_ptr<KeptUnit> Kept = Keep ? Keep->take(File) : nullptr;
  if (Kept) {
    RunOutcome How =
        runWithLargeStack([&] { Kept->analyse(ConsumerFactory, File); });
    if (How != RunOutcome::Finished)
      exitAfterCrash(File, How);
    Result.Analysed = Kept->Analysed;
    Result.Read = Kept->Read;
  } else {
    TidyActionFactory Factory(ConsumerFactory, Result,
                              Keep && Keep->enabled() ? &Kept : nullptr);
    Status = runTool(AllCommands, File, Consumer, Factory);
  }
  if (Kept)
    Keep->put(File, std::move(Kept));

  LineTable Lines;
  for (const ClangTidyError &Error : Consumer.take()) {
    Finding F = toFinding(Error, Lines);
    // An error without a place (an unknown compiler flag, a missing -include
    // file) belongs to the unit it stopped.
    if (F.Where.File.empty())
      F.Where.File = File;
    Result.Findings.push_back(std::move(F));
  }
  bool HasError = llvm::any_of(Result.Findings, [](const Finding &F) {
    return F.isToolError();
  });
  // ClangTool fails without a diagnostic when, e.g., the file cannot be read.
  if (Status != 0 && !HasError)
    Result.Failure = "the compiler could not process this file";
  return Result;
}

} // namespace

/// The .clang-tidy files that clang-tidy reads for a file in Dir: the
/// nearest one, and those above it while each says InheritParentConfig. A
/// malformed one is an error here, where clang-tidy would print a parse
/// error for every file and go on with a configuration the user did not
/// write; keys this clang-tidy does not know are left out, with a warning
/// (ProjectConfig.h).
std::string checkConfigFiles(llvm::StringRef Dir, llvm::StringSet<> &Checked,
                             std::vector<std::string> &Warnings) {
  for (llvm::StringRef D = Dir; !D.empty(); D = llvm::sys::path::parent_path(D)) {
    llvm::SmallString<256> Path(D);
    llvm::sys::path::append(Path, ".clang-tidy");
    if (!Checked.insert(Path).second)
      return {}; // this directory and those above it were seen before
    if (!llvm::sys::fs::is_regular_file(Path))
      continue;
    auto Text = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Text)
      return "cannot read '" + Path.str().str() +
             "': " + Text.getError().message();
    std::vector<std::string> Ignored;
    std::string Known = withoutUnknownKeys((*Text)->getBuffer(), Ignored);
    for (const std::string &Key : Ignored)
      Warnings.push_back("'" + Path.str().str() + "': ignoring '" + Key +
                         "', a key this clang-tidy (" +
                         std::to_string(LLVM_VERSION_MAJOR) +
                         ") does not know");
    std::string Why;
    std::optional<ClangTidyOptions> Parsed =
        parseConfig(llvm::MemoryBufferRef(Known, Path), Why);
    if (!Parsed)
      return "invalid configuration in '" + Path.str().str() + "': " + Why;
    if (!Parsed->InheritParentConfig.value_or(false))
      return {};
  }
  return {};
}

std::string validateOptions(const AnalysisOptions &Opts,
                            llvm::StringRef ProbeFile,
                            llvm::ArrayRef<std::string> Files,
                            std::vector<std::string> &EnabledChecks,
                            std::vector<std::string> &Warnings) {
  if (Opts.ConfigYAML) {
    std::string Why;
    if (!parseConfig(llvm::MemoryBufferRef(*Opts.ConfigYAML, "leaklint-config"),
                     Why))
      return "invalid configuration: " + Why;
  } else {
    llvm::StringSet<> Checked;
    if (std::string Why = checkConfigFiles(
            llvm::sys::path::parent_path(ProbeFile), Checked, Warnings);
        !Why.empty())
      return Why;
    for (const std::string &File : Files)
      if (std::string Why =
              checkConfigFiles(llvm::sys::path::parent_path(File), Checked,
                               Warnings);
          !Why.empty())
        return Why;
  }
  // A --checks glob that enables nothing is a typo ("leaklint-owning-ptr"),
  // not a wish for silence: say so instead of running fewer checks.
  if (Opts.Checks) {
    llvm::SmallVector<llvm::StringRef, 8> Globs;
    llvm::StringRef(*Opts.Checks).split(Globs, ',', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Glob : Globs) {
      Glob = Glob.trim();
      if (Glob.empty() || Glob.starts_with("-") ||
          Glob.starts_with("clang-diagnostic-"))
        continue;
      GlobList Pattern(Glob);
      if (llvm::none_of(leaklintChecks(), [&](const CheckInfo &C) {
            return Pattern.contains(C.Name);
          }))
        return "--checks: '" + Glob.str() +
               "' matches no leaklint check (see --list-checks)";
    }
  }
  ClangTidyOptions Effective = makeOptionsProvider(Opts)->getOptions(ProbeFile);
  EnabledChecks = getCheckNames(Effective, /*AllowEnablingAnalyzerAlphaCheckers=*/false
#if LLVM_VERSION_MAJOR >= 22
                                ,
                                /*ExperimentalCustomChecks=*/false
#endif
  );
  if (EnabledChecks.empty())
    return "no leaklint check is enabled (see --checks and --list-checks)";
  return {};
}

std::string resolvedConfiguration(const AnalysisOptions &Opts,
                                  llvm::StringRef File) {
  return configurationAsText(makeOptionsProvider(Opts)->getOptions(File));
}

std::vector<UnitResult>
analyze(const tooling::CompilationDatabase &DB, llvm::ArrayRef<std::string> Files,
        const AnalysisOptions &Opts, unsigned Jobs,
        llvm::function_ref<void(const std::string &File)> Progress,
        const ResultCache *Cache, size_t *Reused, KeptUnits *Keep) {
  enableCrashRecovery();
  std::vector<UnitResult> Results(Files.size());
  std::mutex ProgressMutex;
  std::atomic<size_t> Hits{0};
  {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async([&, I] {
        std::string Key = Cache ? Cache->keyFor(DB, Files[I], Opts) : "";
        if (std::optional<UnitResult> Kept =
                Cache ? Cache->lookup(Key) : std::nullopt) {
          Results[I] = std::move(*Kept);
          ++Hits;
        } else {
          Results[I] = analyzeUnit(DB, Files[I], Opts, I, Keep);
          if (Cache)
            Cache->store(Key, Results[I]);
        }
        std::lock_guard<std::mutex> Lock(ProgressMutex);
        Progress(Files[I]);
      });
    Pool.wait();
  }
  if (Reused)
    *Reused = Hits;
  return Results;
}

UnitResult analyzeOne(const tooling::CompilationDatabase &DB,
                      const std::string &File, const AnalysisOptions &Opts,
                      size_t Unit, KeptUnits *Keep) {
  enableCrashRecovery();
  return analyzeUnit(DB, File, Opts, Unit, Keep);
}

std::vector<UnitOutline> parseAhead(const tooling::CompilationDatabase &DB,
                                    llvm::ArrayRef<std::string> Files,
                                    unsigned Jobs, KeptUnits &Keep) {
  enableCrashRecovery();
  std::vector<UnitOutline> Outlines(Files.size());
  llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Jobs));
  for (size_t I = 0; I < Files.size(); ++I)
    Pool.async([&, I] {
      if (!Keep.hasRoom())
        return;
      // A unit with errors is analysed later as usual, which reports them.
      IgnoringDiagConsumer Quiet;
      std::unique_ptr<KeptUnit> Unit;
      OutlineActionFactory Factory(Outlines[I], Unit);
      runTool(DB, Files[I], Quiet, Factory);
      if (Unit)
        Keep.put(Files[I], std::move(Unit));
    });
  Pool.wait();
  return Outlines;
}

} // namespace leaklint

//===--- OwningPointerCheck.cpp - leaklint-owning-pointer -----------------===//

#include "OwningPointerCheck.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leaklint {

using namespace ownership;

OwningPointerCheck::OwningPointerCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      AcquireRelease(Options.get("AcquireRelease", "")),
      IgnoreLeaksInMain(Options.get("IgnoreLeaksInMain", true)),
      MaxSteps(Options.get("MaxSteps", 20000U)),
      ExportSummaries(Options.get("ExportSummaries", "")),
      DebugBudget(Options.get("DebugBudget", false)), Model(AcquireRelease),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

OwningPointerCheck::~OwningPointerCheck() = default;

void OwningPointerCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AcquireRelease", AcquireRelease);
  Options.store(Opts, "IgnoreLeaksInMain", IgnoreLeaksInMain);
  Options.store(Opts, "MaxSteps", MaxSteps);
  Options.store(Opts, "ExportSummaries", ExportSummaries);
  Options.store(Opts, "DebugBudget", DebugBudget);
  Options.store(Opts, "IncludeStyle", Inserter.getStyle());
}

void OwningPointerCheck::registerPPCallbacks(const SourceManager &SM,
                                             Preprocessor *PP,
                                             Preprocessor *ModuleExpanderPP) {
  Inserter.registerPreprocessor(PP);
}

void OwningPointerCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      functionDecl(isDefinition(), unless(isExpansionInSystemHeader()))
          .bind("fn"),
      this);
  Finder->addMatcher(cxxRecordDecl(isDefinition(),
                                   unless(isExpansionInSystemHeader()))
                         .bind("class"),
                     this);
}

namespace {

// Whether a body may acquire anything: a new-expression, or a call to an
// acquirer or to a function whose body the engine can summarize (a factory).
class MayAcquire : public RecursiveASTVisitor<MayAcquire> {
public:
  MayAcquire(const ResourceModel &M, OwnershipEngine &E) : M(M), E(E) {}
  bool Found = false;
  bool VisitCXXNewExpr(CXXNewExpr *) { return !(Found = true); }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD || M.acquirerFor(FD) || E.hasUsableBody(FD))
      Found = true;
    return !Found;
  }

private:
  const ResourceModel &M;
  OwnershipEngine &E;
};

const char *kindNoun(ResourceKind K) {
  switch (K) {
  case ResourceKind::Memory: return "memory allocated";
  case ResourceKind::File: return "file opened";
  case ResourceKind::Descriptor: return "file descriptor opened";
  case ResourceKind::Pipe: return "pipe opened";
  case ResourceKind::Directory: return "directory stream opened";
  case ResourceKind::Mapping: return "memory mapped";
  case ResourceKind::Handle: return "handle opened";
  case ResourceKind::Custom: return "resource acquired";
  case ResourceKind::Thread: return "thread started";
  }
  return "resource acquired";
}

const char *acquiredNote(ResourceKind K) {
  switch (K) {
  case ResourceKind::Memory: return "memory is allocated here";
  case ResourceKind::File: return "file is opened here";
  case ResourceKind::Descriptor: return "file descriptor is opened here";
  case ResourceKind::Pipe: return "pipe is opened here";
  case ResourceKind::Directory: return "directory stream is opened here";
  case ResourceKind::Mapping: return "memory is mapped here";
  case ResourceKind::Handle: return "handle is opened here";
  case ResourceKind::Custom: return "resource is acquired here";
  case ResourceKind::Thread: return "thread is started here";
  }
  return "resource is acquired here";
}

} // namespace

void OwningPointerCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  if (!Engine || EngineCtx != &Ctx) {
    EngineOptions EO;
    EO.MaxSteps = MaxSteps;
    EO.IgnoreLeaksInMain = IgnoreLeaksInMain;
    Engine = std::make_unique<OwnershipEngine>(Ctx, Model, EO);
    EngineCtx = &Ctx;
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    checkFunction(FD, Ctx);
  if (const auto *RD = Result.Nodes.getNodeAs<CXXRecordDecl>("class"))
    checkClass(RD, Ctx);
}

void OwningPointerCheck::checkFunction(const FunctionDecl *FD,
                                       ASTContext &Ctx) {
  if (!FD->hasBody() || FD->isDependentContext() || FD->isImplicit() ||
      FD->isDefaulted())
    return;
  // Bail out early on bodies that cannot acquire anything.
  MayAcquire Scan(Model, *Engine);
  Scan.TraverseStmt(FD->getBody());
  if (!Scan.Found)
    return;
  std::vector<Finding> Fs = Engine->analyze(FD);
  if (Engine->lastRunOverBudget() && DebugBudget)
    diag(FD->getLocation(),
         "analysis of '%0' stopped at the budget of %1 steps; no findings "
         "reported for it",
         DiagnosticIDs::Remark)
        << FD->getNameAsString() << MaxSteps;
  for (const Finding &F : Fs)
    report(F, FD, Ctx);
}

void OwningPointerCheck::report(const Finding &F, const FunctionDecl *FD,
                                ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  std::string Acquirer =
      F.Via ? F.Via->getNameAsString() : std::string(F.Acq->Name);
  std::string What = std::string(kindNoun(F.Acq->Kind)) + " by '" + Acquirer + "'";
  std::string Owner = F.Owner ? F.Owner->getNameAsString() : "";
  std::string Msg;
  switch (F.Kind) {
  case Finding::Mismatch:
    Msg = What + " is released with '" + F.Releaser + "' instead of '" +
          Model.groupName(F.Acq->Group).str() + "'";
    break;
  case Finding::ReallocLoss:
    Msg = "'" + Owner + "' is overwritten by the result of 'realloc': " +
          What + " is leaked if 'realloc' fails";
    break;
  case Finding::Leak:
    switch (F.Cause) {
    case LeakCause::ScopeEnd:
    case LeakCause::Return:
    case LeakCause::Jump:
      Msg = Owner.empty() ? What + " is leaked"
                          : What + " is leaked when '" + Owner +
                                "' goes out of scope";
      break;
    case LeakCause::EarlyReturn:
      Msg = What + " is leaked on this early return";
      break;
    case LeakCause::Throw:
      Msg = What + " is leaked when the exception is thrown";
      break;
    case LeakCause::Overwrite:
      Msg = Owner.empty() ? What + " is leaked when it is overwritten"
                          : "'" + Owner + "' is overwritten while it still owns " +
                                What;
      break;
    case LeakCause::Discarded:
      Msg = What + " is leaked: the result is discarded";
      break;
    }
    break;
  }
  SourceLocation L = SM.getFileLoc(F.Loc);
  diag(L, "%0") << Msg;
  if (F.Site)
    diag(SM.getFileLoc(F.Site->getBeginLoc()), acquiredNote(F.Acq->Kind),
         DiagnosticIDs::Note);
  for (const PathNote &N : F.Notes)
    diag(SM.getFileLoc(N.Loc), "%0", DiagnosticIDs::Note) << N.Message;
}

void OwningPointerCheck::checkClass(const CXXRecordDecl *RD, ASTContext &Ctx) {
  // Class-level obligations: see ClassOwnership (added separately).
  (void)RD;
  (void)Ctx;
}

void OwningPointerCheck::onEndOfTranslationUnit() {
  if (Engine && !ExportSummaries.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ExportSummaries, EC, llvm::sys::fs::OF_Append);
    if (!EC)
      Engine->exportSummaries(OS);
  }
  Engine.reset();
  EngineCtx = nullptr;
}

} // namespace clang::tidy::leaklint

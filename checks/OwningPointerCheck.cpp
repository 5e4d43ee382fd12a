//===--- OwningPointerCheck.cpp - leaklint-owning-pointer -----------------===//

#include "OwningPointerCheck.h"
#include "HookTargets.h"
#include "TitledFix.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Preprocessor.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

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
      ImportSummaries(Options.get("ImportSummaries", "")),
      DebugBudget(Options.get("DebugBudget", false)),
      Level(Options.get("Strictness", Strictness::Conservative)),
      Model(AcquireRelease),
      Inserter(Options.getLocalOrGlobal("IncludeStyle",
                                        utils::IncludeSorter::IS_LLVM),
               areDiagsSelfContained()) {}

OwningPointerCheck::~OwningPointerCheck() = default;

void OwningPointerCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AcquireRelease", AcquireRelease);
  Options.store(Opts, "IgnoreLeaksInMain", IgnoreLeaksInMain);
  Options.store(Opts, "MaxSteps", MaxSteps);
  Options.store(Opts, "ExportSummaries", ExportSummaries);
  Options.store(Opts, "ImportSummaries", ImportSummaries);
  Options.store(Opts, "DebugBudget", DebugBudget);
  Options.store(Opts, "Strictness", Level);
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
  // C: a struct and the function that is its destructor.
  Finder->addMatcher(recordDecl(isDefinition(), isStruct(),
                                unless(isExpansionInSystemHeader()))
                         .bind("struct"),
                     this);
}

namespace {

// Whether a function may acquire anything, directly (a new-expression, an
// acquirer of the model, a `release()` that hands ownership over) or through
// a function of the TU that it calls or whose address it takes. Only such
// functions can leak, so only they are given to the path analysis; the
// others would cost a path walk and the summaries of all their callees for
// nothing. Memoized per TU; within a recursive cycle, the function the
// cycle returns to is taken as acquiring nothing.
// `u.release()` on a std::unique_ptr: the caller becomes the owner.
bool isUniquePtrRelease(const FunctionDecl *FD) {
  const auto *MD = dyn_cast<CXXMethodDecl>(FD);
  if (!MD || !MD->getIdentifier() || MD->getName() != "release" ||
      MD->getNumParams() != 0)
    return false;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(MD->getParent());
  return Spec && Spec->isInStdNamespace() && Spec->getName() == "unique_ptr";
}

class MayAcquire : public RecursiveASTVisitor<MayAcquire> {
public:
  MayAcquire(const ResourceModel &M, OwnershipEngine &E,
             llvm::DenseMap<const FunctionDecl *, bool> &Memo)
      : M(M), E(E), Memo(Memo) {}

  bool function(const FunctionDecl *FD) {
    const FunctionDecl *Def = nullptr;
    if (!FD->hasBody(Def) || !Def)
      return false;
    auto [It, New] = Memo.try_emplace(Def, false);
    if (!New)
      return It->second;
    bool Saved = Found;
    const FunctionDecl *Outer = Current;
    Found = false;
    Current = Def;
    TraverseStmt(Def->getBody());
    bool Result = Found;
    Found = Saved;
    Current = Outer;
    Memo[Def] = Result;
    return Result;
  }

  bool VisitCXXNewExpr(CXXNewExpr *) { return !(Found = true); }
  bool VisitCallExpr(CallExpr *CE) {
    // A call whose result the function frees (`free(line)` after
    // `line = readline(prompt)`).
    if (Current && (E.freedResultAcquirer(CE, Current) ||
                    E.freedOutputAcquirer(CE, Current)))
      return !(Found = true);
    const FunctionDecl *FD = CE->getDirectCallee();
    if (!FD) {
      // An indirect call: its target is found through the DeclRefExpr that
      // took its address, if the function has one, or it is a hook set to
      // an allocator (`hooks->allocate(n)`) or to a factory of the program.
      if (const ValueDecl *Hook = ownership::detail::hookCalledBy(CE))
        if (const FunctionDecl *T = E.hookTarget(Hook))
          callee(T);
      // Or an entry of a table of constructors (`grid_news[type](..)`).
      if (!Found && E.tableAcquirer(CE))
        Found = true;
      return !Found;
    }
    if (E.acquirerOf(FD) || isUniquePtrRelease(FD))
      Found = true;
    return !Found;
  }
  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    callee(CE->getConstructor());
    // A call through a base reference to the object may reach its
    // overriders (`const Source &s = real; s.make()`).
    if (const CXXRecordDecl *RD = CE->getConstructor()->getParent();
        RD->isPolymorphic())
      for (const CXXMethodDecl *MD : RD->methods())
        if (MD->isVirtual() && !Found)
          callee(MD);
    return !Found;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    // Direct calls and function pointers both name the function.
    if (const auto *FD = dyn_cast<FunctionDecl>(DR->getDecl()))
      callee(FD);
    return !Found;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    if (const auto *MD = dyn_cast<CXXMethodDecl>(ME->getMemberDecl()))
      callee(MD);
    return !Found;
  }

  bool Found = false;

private:
  void callee(const FunctionDecl *FD) {
    if (Found || !FD)
      return;
    if (E.hasUsableBody(FD)) {
      Found = function(FD);
      return;
    }
    // An acquirer named, not called (`alloc_fn = calloc;`), or a factory
    // another TU defines (whole-program mode).
    if (E.acquirerOf(FD) || E.importedFactory(FD))
      Found = true;
  }

  const ResourceModel &M;
  OwnershipEngine &E;
  llvm::DenseMap<const FunctionDecl *, bool> &Memo;
  const FunctionDecl *Current = nullptr; ///< whose body is traversed
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
  case ResourceKind::Reference: return "reference returned";
  }
  return "resource acquired";
}

/// \p Line and \p Column of \p File, which the TU may not include (a
/// place another TU's summary names); invalid when the file cannot be read.
SourceLocation locationIn(SourceManager &SM, llvm::StringRef File,
                          unsigned Line, unsigned Column) {
  llvm::Expected<FileEntryRef> F = SM.getFileManager().getFileRef(File);
  if (!F) {
    llvm::consumeError(F.takeError());
    return {};
  }
  FileID ID = SM.getOrCreateFileID(*F, SrcMgr::C_User);
  return SM.translateLineCol(ID, Line, Column);
}

/// The text of \p L's line before \p L (its indentation, when \p L starts
/// a statement alone on its line).
llvm::StringRef lineBefore(const SourceManager &SM, SourceLocation L) {
  auto [FID, Off] = SM.getDecomposedLoc(L);
  llvm::StringRef Buf = SM.getBufferData(FID);
  size_t LineStart = Buf.rfind('\n', Off ? Off - 1 : 0);
  LineStart = LineStart == llvm::StringRef::npos ? 0 : LineStart + 1;
  return Buf.slice(LineStart, Off);
}

/// The text \p E is written with (`s->buf`, `res_`).
llvm::StringRef writtenText(const Expr *E, const SourceManager &SM,
                            const LangOptions &LO) {
  return Lexer::getSourceText(
      CharSourceRange::getTokenRange(E->getSourceRange()), SM, LO);
}

/// "memory allocated by 'strdup'": what an acquirer's resource is.
std::string acquiredBy(const Acquirer &A) {
  return std::string(kindNoun(A.Kind)) + " by '" + A.Name + "'";
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
  case ResourceKind::Reference: return "reference is returned here";
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
    EO.Strict = Level == Strictness::Strict;
    Engine = std::make_unique<OwnershipEngine>(Ctx, Model, EO);
    EngineCtx = &Ctx;
    if (!ImportSummaries.empty() && !Imported) {
      llvm::Expected<SummaryIndex> Index =
          SummaryIndex::load(ImportSummaries, Model);
      if (!Index) {
        configurationDiag("leaklint-owning-pointer: %0")
            << llvm::toString(Index.takeError());
        Imported.emplace();
      } else {
        Imported = std::move(*Index);
      }
    }
    if (Imported)
      Engine->importSummaries(&*Imported);
    if (!ExportSummaries.empty())
      Engine->recordImports();
    MayAcquireMemo.clear();
  }
  if (const auto *FD = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    checkFunction(FD, Ctx);
  if (const auto *RD = Result.Nodes.getNodeAs<CXXRecordDecl>("class"))
    checkClass(RD, Ctx);
  else if (const auto *SD = Result.Nodes.getNodeAs<RecordDecl>("struct"))
    checkStruct(SD, Ctx);
}

void OwningPointerCheck::checkFunction(const FunctionDecl *FD,
                                       ASTContext &Ctx) {
  if (!FD->hasBody() || FD->isDependentContext() || FD->isImplicit() ||
      FD->isDefaulted())
    return;
  // Whole-program mode: every function other TUs may call gets its
  // summary exported, whether or not it may leak itself.
  if (!ExportSummaries.empty() && FD->isExternallyVisible() &&
      Ctx.getSourceManager().isInMainFile(
          Ctx.getSourceManager().getExpansionLoc(FD->getLocation())))
    (void)Engine->summary(FD);
  OwnershipEngine::FindingsScope Findings(*Engine);
  if (!Ctx.getLangOpts().CPlusPlus)
    for (const ClassFinding &CF : classes(Ctx).refilledThroughPointers(FD))
      reportRefilledField(CF, Ctx);
  // Bail out early on bodies that cannot acquire anything.
  if (!MayAcquire(Model, *Engine, MayAcquireMemo).function(FD))
    return;
  std::vector<Finding> Fs = Engine->analyze(FD);
  llvm::erase_if(Fs, [&](const Finding &F) {
    return F.Acq && !Engine->leakIsThisFiles(*F.Acq);
  });
  if (Engine->lastRunOverBudget() && DebugBudget)
    diag(FD->getLocation(),
         "analysis of '%0' stopped at the budget of %1 steps; no findings "
         "reported for it",
         DiagnosticIDs::Remark)
        << FD->getNameAsString() << MaxSteps;
  // Leaks of several acquisitions lost at one place in the same words (two
  // branches that fill one variable, the next turn overwriting it) are one
  // warning, with a note at each acquisition: as several, they would read
  // as one repeated, and clang-tidy keeps one of them.
  const SourceManager &SM = Ctx.getSourceManager();
  using Place = std::pair<unsigned, std::string>; // location, text
  std::map<Place, std::vector<const Finding *>> Alike;
  std::vector<decltype(Alike)::value_type *> Order;
  for (const Finding &F : Fs) {
    auto [It, New] = Alike.try_emplace(
        Place{SM.getFileLoc(F.Loc).getRawEncoding(), message(F)});
    if (New)
      Order.push_back(&*It);
    It->second.push_back(&F);
  }
  for (const auto *Group : Order)
    report(*Group->second.front(), Group->first.second, FD, Ctx,
           llvm::ArrayRef(Group->second).drop_front());
}

namespace {

// The fix-it for a leak of `T *p = new T(args);`: when every use of p also
// works on a std::unique_ptr, `auto p = std::make_unique<T>(args);`, its
// `delete p;` statements removed and its uses as a `T*` argument of a
// function that only reads it turned into `p.get()`.
class MakeUniqueFix {
public:
  MakeUniqueFix(ASTContext &Ctx, OwnershipEngine &Eng, const ResourceModel &M)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), Eng(Eng), Model(M) {}

  bool build(const FunctionDecl *FD, const VarDecl *VD, const CXXNewExpr *NE,
             std::vector<FixItHint> &Out) {
    const LangOptions &LO = Ctx.getLangOpts();
    if (!LO.CPlusPlus14 || !VD->hasLocalStorage() || isa<ParmVarDecl>(VD) ||
        !VD->getType()->isPointerType() || NE->getNumPlacementArgs() ||
        VD->getType()->getPointeeType().isVolatileQualified())
      return false;
    if (strip(VD->getInit()) != NE)
      return false;
    if (VD->getBeginLoc().isMacroID() || NE->getEndLoc().isMacroID() ||
        VD->getLocation().isMacroID())
      return false;
    PM = std::make_unique<ParentMap>(FD->getBody());
    // The declaration must declare p alone.
    const DeclStmt *DS = nullptr;
    llvm::SmallVector<const Stmt *, 32> Work{FD->getBody()};
    while (!Work.empty() && !DS) {
      const Stmt *X = Work.pop_back_val();
      if (!X)
        continue;
      if (const auto *D = dyn_cast<DeclStmt>(X))
        for (const Decl *Dd : D->decls())
          if (Dd == VD)
            DS = D;
      for (const Stmt *C : X->children())
        Work.push_back(C);
    }
    if (!DS || !DS->isSingleDecl())
      return false;
    std::string Type = text(NE->getAllocatedTypeSourceInfo()->getTypeLoc().getSourceRange());
    if (Type.empty())
      return false;
    std::string Repl;
    if (NE->isArray()) {
      if (NE->hasInitializer() || !NE->getArraySize())
        return false;
      std::string Size = text((*NE->getArraySize())->getSourceRange());
      if (Size.empty())
        return false;
      Repl = "std::make_unique<" + Type + "[]>(" + Size + ")";
    } else {
      std::string Args;
      switch (NE->getInitializationStyle()) {
      case CXXNewInitializationStyle::None:
        break;
      case CXXNewInitializationStyle::Parens: {
        SourceRange R = NE->getDirectInitRange();
        std::string Inner = text(R);
        if (Inner.size() < 2)
          return false;
        Args = Inner.substr(1, Inner.size() - 2);
        break;
      }
      default:
        return false; // braces: make_unique cannot aggregate-initialize
      }
      Repl = "std::make_unique<" + Type + ">(" + Args + ")";
    }
    Out.push_back(FixItHint::CreateReplacement(
        CharSourceRange::getTokenRange(VD->getBeginLoc(), VD->getEndLoc()),
        "auto " + VD->getNameAsString() + " = " + Repl));
    return checkUses(FD->getBody(), VD, NE->isArray(), Out);
  }

private:
  const Stmt *parent(const Stmt *S) { return PM->getParent(S); }
  static const Expr *strip(const Expr *E) {
    return E ? E->IgnoreParenImpCasts() : nullptr;
  }
  std::string text(SourceRange R) {
    if (R.isInvalid() || R.getBegin().isMacroID() || R.getEnd().isMacroID())
      return "";
    return Lexer::getSourceText(CharSourceRange::getTokenRange(R), SM,
                                Ctx.getLangOpts())
        .str();
  }

  bool isCondition(const Stmt *Use, const Stmt *P) {
    if (!P)
      return false;
    if (const auto *I = dyn_cast<IfStmt>(P))
      return I->getCond() == Use;
    if (const auto *W = dyn_cast<WhileStmt>(P))
      return W->getCond() == Use;
    if (const auto *F = dyn_cast<ForStmt>(P))
      return F->getCond() == Use;
    if (const auto *D = dyn_cast<DoStmt>(P))
      return D->getCond() == Use;
    if (const auto *U = dyn_cast<UnaryOperator>(P))
      return U->getOpcode() == UO_LNot;
    if (const auto *B = dyn_cast<BinaryOperator>(P))
      return B->isLogicalOp();
    if (const auto *C = dyn_cast<ConditionalOperator>(P))
      return C->getCond() == Use;
    return false;
  }

  bool checkUses(const Stmt *Body, const VarDecl *VD, bool Array,
                 std::vector<FixItHint> &Out) {
    llvm::SmallVector<const Stmt *, 32> Work{Body};
    while (!Work.empty()) {
      const Stmt *X = Work.pop_back_val();
      if (!X)
        continue;
      for (const Stmt *C : X->children())
        Work.push_back(C);
      const auto *DR = dyn_cast<DeclRefExpr>(X);
      if (!DR || DR->getDecl() != VD)
        continue;
      if (DR->getLocation().isMacroID())
        return false;
      // Climb over the implicit casts and parens around the use.
      const Stmt *Use = DR, *P = parent(DR);
      const ImplicitCastExpr *LastCast = nullptr;
      while (P && (isa<ImplicitCastExpr>(P) || isa<ParenExpr>(P))) {
        if (const auto *IC = dyn_cast<ImplicitCastExpr>(P))
          LastCast = IC;
        Use = P;
        P = parent(P);
      }
      if (!P)
        return false;
      if (const auto *ME = dyn_cast<MemberExpr>(P); ME && ME->isArrow())
        continue;
      if (const auto *UO = dyn_cast<UnaryOperator>(P); UO && UO->getOpcode() == UO_Deref)
        continue;
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(P); AS && Array && AS->getBase() == Use)
        continue;
      if (LastCast && LastCast->getCastKind() == CK_PointerToBoolean &&
          isCondition(Use, P))
        continue;
      if (const auto *BO = dyn_cast<BinaryOperator>(P);
          BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
        const Expr *Other = BO->getLHS() == Use ? BO->getRHS() : BO->getLHS();
        if (Other->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
          continue;
        return false;
      }
      if (const auto *DE = dyn_cast<CXXDeleteExpr>(P)) {
        if (DE->isArrayForm() != Array || !isa_and_nonnull<CompoundStmt>(parent(DE)))
          return false;
        SourceLocation End = Lexer::findLocationAfterToken(
            DE->getEndLoc(), tok::semi, SM, Ctx.getLangOpts(), false);
        SourceLocation EndLine = Lexer::findLocationAfterToken(
            DE->getEndLoc(), tok::semi, SM, Ctx.getLangOpts(), true);
        if (End.isInvalid() || DE->getBeginLoc().isMacroID())
          return false;
        // Remove the whole line when the statement is alone on it.
        SourceLocation Begin = DE->getBeginLoc();
        llvm::StringRef Buf = SM.getBufferData(SM.getFileID(Begin));
        llvm::StringRef Lead = lineBefore(SM, Begin);
        unsigned EndOff = SM.getFileOffset(End);
        if (Lead.trim().empty() && EndOff < Buf.size() &&
            Buf[EndOff] == '\n' && EndLine.isValid()) {
          Begin = Begin.getLocWithOffset(-static_cast<int>(Lead.size()));
          // (clang-tidy's cleanup then drops the empty line)
        }
        Out.push_back(FixItHint::CreateRemoval(
            CharSourceRange::getCharRange(Begin, End)));
        continue;
      }
      if (const auto *CE = dyn_cast<CallExpr>(P); CE && !isa<CXXOperatorCallExpr>(CE)) {
        const FunctionDecl *Callee = CE->getDirectCallee();
        if (!Callee)
          return false;
        unsigned Idx = 0;
        bool Found = false;
        for (; Idx < CE->getNumArgs(); ++Idx)
          if (CE->getArg(Idx) == Use) {
            Found = true;
            break;
          }
        if (!Found || Idx >= Callee->getNumParams() ||
            !Callee->getParamDecl(Idx)->getType()->isPointerType())
          return false;
        bool Reads;
        if (Eng.hasSummary(Callee)) {
          const FunctionSummary &Sum = Eng.summary(Callee);
          Reads = Idx < Sum.Params.size() && Sum.Params[Idx] == ParamEffect::Read;
        } else {
          Reads = Model.isKnownReader(Callee) ||
                  Callee->getParamDecl(Idx)->getType()->getPointeeType().isConstQualified();
        }
        if (!Reads)
          return false;
        Out.push_back(FixItHint::CreateInsertion(
            Lexer::getLocForEndOfToken(DR->getEndLoc(), 0, SM, Ctx.getLangOpts()),
            ".get()"));
        continue;
      }
      return false; // a use a unique_ptr does not support the same way
    }
    return true;
  }

  ASTContext &Ctx;
  const SourceManager &SM;
  OwnershipEngine &Eng;
  const ResourceModel &Model;
  std::unique_ptr<ParentMap> PM;
};

} // namespace

namespace {
// The function whose exception a path assumed, when it was lost at a call.
const NamedDecl *throwingCallee(const Stmt *LostAt) {
  if (const auto *CE = dyn_cast_or_null<CallExpr>(LostAt))
    return CE->getDirectCallee();
  if (const auto *CC = dyn_cast_or_null<CXXConstructExpr>(LostAt))
    return CC->getConstructor();
  return nullptr;
}
// The variable whose initializer is \p NE, in \p FD's body.
const VarDecl *initializedBy(const CXXNewExpr *NE, const FunctionDecl *FD) {
  llvm::SmallVector<const Stmt *, 32> Work{FD->getBody()};
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getInit() && VD->getInit()->IgnoreParenImpCasts() == NE)
          return VD;
    for (const Stmt *C : S->children())
      Work.push_back(C);
  }
  return nullptr;
}

// The variable that a make_unique fix would turn into a unique_ptr. An
// exception that leaves the function ends every local owner at once, and
// the engine reports such a leak without naming one: there it is the
// variable the new-expression initialises (the fix is only offered when
// every use of that variable fits a unique_ptr, so it is the only owner).
const VarDecl *fixableOwner(const Finding &F, const CXXNewExpr *NE,
                            const FunctionDecl *FD) {
  if (F.Owner)
    return dyn_cast<VarDecl>(F.Owner);
  if (F.Cause == LeakCause::Throw)
    return initializedBy(NE, FD);
  return nullptr;
}
} // namespace

namespace {
/// Whether \p F is a realloc loss of a block the path did not acquire.
bool lossOfUnknownBlock(const Finding &F) {
  return F.Kind == Finding::ReallocLoss && !F.Acq;
}

/// Whether \p F reports memory a unique_ptr gave up by `release()`.
bool fromRelease(const Finding &F) {
  const auto *SiteCall = dyn_cast_or_null<CXXMemberCallExpr>(F.Site);
  return !F.Via && SiteCall && SiteCall->getMethodDecl() &&
         SiteCall->getMethodDecl()->getIdentifier() &&
         SiteCall->getMethodDecl()->getName() == "release";
}
} // namespace

std::string OwningPointerCheck::message(const Finding &F) const {
  if (lossOfUnknownBlock(F))
    return F.LValue + " is overwritten by the result of 'realloc': the "
                      "block it held is leaked if 'realloc' fails";
  std::string Acquirer =
      F.Via ? F.Via->getNameAsString() : std::string(F.Acq->Name);
  std::string What = std::string(kindNoun(F.Acq->Kind)) + " by '" + Acquirer + "'";
  if (fromRelease(F))
    What = "memory released from a unique_ptr by 'release()'";
  // The owner: a variable, or an lvalue as written ('s->buf', quoted).
  // A static data member by its qualified name ('Store::data').
  std::string Owner = F.LValue;
  if (const auto *VD = dyn_cast_or_null<VarDecl>(F.Owner))
    Owner = "'" + (VD->isStaticDataMember() ? VD->getQualifiedNameAsString()
                                            : VD->getNameAsString()) + "'";
  else if (F.Owner)
    Owner = "'" + F.Owner->getNameAsString() + "'";
  std::string Msg;
  switch (F.Kind) {
  case Finding::Mismatch:
    Msg = What + " is released with '" + F.Releaser + "'" +
          (F.ReleasedIn ? " by '" + F.ReleasedIn->getNameAsString() + "'"
                        : std::string()) +
          " instead of '" + Model.groupName(F.Acq->Group).str() + "'";
    break;
  case Finding::ReallocLoss:
    Msg = Owner + " is overwritten by the result of 'realloc': " +
          What + " is leaked if 'realloc' fails";
    break;
  case Finding::Leak:
    switch (F.Cause) {
    case LeakCause::ScopeEnd:
    case LeakCause::Return:
    case LeakCause::Jump:
      Msg = Owner.empty() ? What + " is leaked"
                          : What + " is leaked when " + Owner +
                                " goes out of scope";
      break;
    case LeakCause::EarlyReturn:
      Msg = What + " is leaked on this early return";
      break;
    case LeakCause::Throw:
      if (const NamedDecl *Thrower = throwingCallee(F.LostAt))
        Msg = What + " is leaked if '" + Thrower->getNameAsString() + "' throws";
      else
        Msg = What + " is leaked when the exception is thrown";
      break;
    case LeakCause::Overwrite:
      Msg = Owner.empty() ? What + " is leaked when it is overwritten"
                          : Owner + " is overwritten while it still owns " +
                                What;
      break;
    case LeakCause::OwnerReleased:
      Msg = Owner.empty()
                ? What + " is leaked when " + F.Holder + " is freed"
                : Owner + " still owns " + What + " when " + F.Holder +
                      " is freed";
      break;
    case LeakCause::Discarded:
      Msg = What + " is leaked: the result is discarded";
      break;
    case LeakCause::HandOffFailed:
    case LeakCause::CalleeOverwrite:
    case LeakCause::CalleeDrop: {
      const auto *Call = dyn_cast_or_null<CallExpr>(F.LostAt);
      const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
      std::string Name =
          Callee ? "'" + Callee->getNameAsString() + "'" : "the call";
      if (F.Cause == LeakCause::HandOffFailed) {
        Msg = What + " is leaked if " + Name +
              " runs out of memory: its result is ignored";
        break;
      }
      Msg = F.Cause == LeakCause::CalleeOverwrite
                ? What + " is leaked: " + Name + " overwrites " + Owner +
                      " while it still owns it"
                : What + " is leaked: " + Name + " takes it out of " + Owner +
                      " and never releases it";
      break;
    }
    }
    break;
  }
  return Msg;
}

void OwningPointerCheck::report(const Finding &F, const std::string &Msg,
                                const FunctionDecl *FD, ASTContext &Ctx,
                                llvm::ArrayRef<const Finding *> Alike) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (lossOfUnknownBlock(F)) {
    diag(SM.getFileLoc(F.Loc), "%0") << Msg;
    return;
  }
  const bool FromRelease = fromRelease(F);
  SourceLocation L = SM.getFileLoc(F.Loc);
  std::vector<FixItHint> Fixes;
  if (F.Kind == Finding::Leak && !F.Via)
    if (const auto *NE = dyn_cast_or_null<CXXNewExpr>(F.Site))
      if (const VarDecl *VD = fixableOwner(F, NE, FD)) {
        MakeUniqueFix Fix(Ctx, *Engine, Model);
        if (!Fix.build(FD, VD, NE, Fixes))
          Fixes.clear();
      }
  TitledFix Fix(areDiagsSelfContained(), "use std::make_unique");
  if (!Fixes.empty()) {
    for (const FixItHint &H : Fixes)
      Fix.add(H);
    if (auto Inc = Inserter.createIncludeInsertion(
            SM.getFileID(SM.getFileLoc(F.Site->getBeginLoc())), "<memory>"))
      Fix.add(*Inc);
  }
  Fix.attachTo(diag(L, "%0") << Msg);
  if (F.Site)
    diag(SM.getFileLoc(F.Site->getBeginLoc()),
         FromRelease ? "the unique_ptr gives up ownership here"
                     : acquiredNote(F.Acq->Kind),
         DiagnosticIDs::Note);
  // A factory another file defines (whole-program mode): where it acquires.
  if (F.Site && F.Via && !FromRelease && Engine->hasSummary(F.Via))
    if (const auto &At = Engine->summary(F.Via).AcquiredAt)
      if (SourceLocation In = locationIn(Ctx.getSourceManager(), At->File,
                                         At->Line, At->Column);
          In.isValid())
        diag(In, "in %0, %1", DiagnosticIDs::Note)
            << F.Via << acquiredNote(F.Acq->Kind);
  for (const PathNote &N : F.Notes)
    if (SM.getFileLoc(N.Loc) != L) // the warning already points there
      diag(SM.getFileLoc(N.Loc), "%0", DiagnosticIDs::Note) << N.Message;
  for (SourceLocation Also : F.AlsoLostAt)
    diag(Also, "also lost here, on another path", DiagnosticIDs::Note);
  llvm::SmallPtrSet<const Stmt *, 4> Sites{F.Site};
  for (const Finding *Other : Alike)
    if (Other->Site && Other->Acq && Sites.insert(Other->Site).second)
      diag(SM.getFileLoc(Other->Site->getBeginLoc()),
           "%0, and lost the same way on another path", DiagnosticIDs::Note)
          << acquiredNote(Other->Acq->Kind);
  Fix.emitNote(*this, L);
}

ClassOwnershipIndex &OwningPointerCheck::classes(ASTContext &Ctx) {
  if (!Classes)
    Classes = std::make_unique<ClassOwnershipIndex>(Ctx, Model, *Engine);
  return *Classes;
}

void OwningPointerCheck::checkClass(const CXXRecordDecl *RD, ASTContext &Ctx) {
  if (!Ctx.getLangOpts().CPlusPlus)
    return;
  OwnershipEngine::FindingsScope Findings(*Engine);
  const SourceManager &SM = Ctx.getSourceManager();
  for (const ClassFinding &CF : classes(Ctx).analyze(RD)) {
    std::string What = acquiredBy(*CF.Acq);
    if (CF.Kind == ClassFinding::MemberMismatch) {
      diag(SM.getFileLoc(CF.Release->getBeginLoc()),
           "member '%0' holds %1, but it is released with '%2' instead of '%3'")
          << CF.Field->getName() << What << CF.Releaser
          << Model.groupName(CF.Acq->Group);
      diag(SM.getFileLoc(CF.Site->getBeginLoc()), acquiredNote(CF.Acq->Kind),
           DiagnosticIDs::Note);
      continue;
    }
    if (CF.Kind == ClassFinding::MemberOverwritten) {
      reportOverwrittenMember(CF, Ctx);
      continue;
    }
    if (CF.Kind == ClassFinding::AssignmentDropsMember) {
      // No fix-it: releasing first is wrong for `a = a`, and a union's
      // member is released by its tag.
      diag(SM.getFileLoc(CF.Site->getBeginLoc()),
           "%0 overwrites member '%1' without releasing %2 that it may hold: "
           "the destructor releases it, the assignment leaks it")
          << CF.Method << CF.Field->getName() << What;
      noteAcquiredAndReleased(CF, SM);
      continue;
    }
    if (CF.Kind == ClassFinding::MemberNeverReleased) {
      diag(CF.Field->getLocation(),
           "member '%0' owns %1, but neither the destructor nor any other "
           "member function of '%2' releases it")
          << CF.Field->getName() << What << RD->getName();
      diag(SM.getFileLoc(CF.Site->getBeginLoc()), acquiredNote(CF.Acq->Kind),
           DiagnosticIDs::Note);
      continue;
    }
    diag(SM.getFileLoc(CF.Site->getBeginLoc()),
         CF.Assignment
             ? "assigning '%0' copies its raw pointer '%1', which its "
               "destructor deletes: the memory is deleted twice and the old "
               "one leaks"
             : "copying '%0' copies its raw pointer '%1', which its destructor "
               "deletes: both copies delete the same memory")
        << RD->getName() << CF.Field->getName();
    diag(SM.getFileLoc(CF.Release->getBeginLoc()), "'%0' is released here",
         DiagnosticIDs::Note)
        << CF.Field->getName();
  }
}

namespace {
/// `g_free (p->priv->other);`, the destructor's last release, written again
/// for \p F: inserted after it, on a line of its own. Empty when the
/// release is not a plain statement of its own.
std::optional<FixItHint> releaseFieldToo(const Stmt *Last, const FieldDecl *F,
                                         const FunctionDecl *Destructor,
                                         ASTContext &Ctx) {
  const auto *CE = dyn_cast_or_null<CallExpr>(Last);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!CE || CE->getBeginLoc().isMacroID() || CE->getEndLoc().isMacroID() ||
      !Destructor || !Destructor->getBody())
    return std::nullopt;
  // A statement of a block of the destructor (its own map: the AST-wide
  // one would index the whole TU).
  ParentMap PM(const_cast<Stmt *>(Destructor->getBody()));
  if (!isa_and_nonnull<CompoundStmt>(PM.getParent(CE)))
    return std::nullopt;
  const MemberExpr *ME = nullptr;
  for (const Expr *A : CE->arguments())
    if (const auto *M = dyn_cast<MemberExpr>(A->IgnoreParenImpCasts()))
      ME = M;
  if (!ME || ME->getMemberLoc().isMacroID())
    return std::nullopt;
  SourceLocation Semi = Lexer::findLocationAfterToken(
      CE->getEndLoc(), tok::semi, SM, LO, /*SkipTrailingWhitespaceAndNewLine=*/false);
  if (Semi.isInvalid())
    return std::nullopt;
  auto Text = [&](SourceLocation B, SourceLocation E) {
    return Lexer::getSourceText(CharSourceRange::getCharRange(B, E), SM, LO).str();
  };
  SourceLocation MemberEnd = Lexer::getLocForEndOfToken(ME->getMemberLoc(), 0, SM, LO);
  std::string Call = Text(CE->getBeginLoc(), ME->getMemberLoc()) + F->getName().str() +
                     Text(MemberEnd, Semi);
  // The release's own indentation.
  llvm::StringRef Indent = lineBefore(SM, CE->getBeginLoc());
  if (!Indent.trim().empty())
    return std::nullopt;
  return FixItHint::CreateInsertion(Semi, "\n" + Indent.str() + Call);
}
} // namespace

namespace {
/// `free(res_);` (the release of \p Group, as the overwrite names the
/// member) on a line of its own before the overwrite \p Site, a plain
/// statement of the method's body.
std::optional<FixItHint> releaseBefore(const Stmt *Site, unsigned Group,
                                       const FunctionDecl *Method,
                                       const ResourceModel &Model,
                                       ASTContext &Ctx) {
  const auto *Assign = dyn_cast_or_null<BinaryOperator>(Site);
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  if (!Assign || Assign->getBeginLoc().isMacroID() ||
      Assign->getEndLoc().isMacroID() || Method->getBody() == nullptr)
    return std::nullopt;
  // Directly in the method's body: every path through it passes here.
  const auto *Body = dyn_cast<CompoundStmt>(Method->getBody());
  if (!Body || !llvm::is_contained(Body->body(), Assign))
    return std::nullopt;
  llvm::StringRef Member = writtenText(Assign->getLHS(), SM, LO);
  std::string Name = Model.groupName(Group).str();
  std::string Release;
  switch (Group) {
  case ResourceModel::GDelete:
  case ResourceModel::GDeleteArray:
    Release = Name + " " + Member.str() + ";";
    break;
  case ResourceModel::GFree:
  case ResourceModel::GFClose:
  case ResourceModel::GClose:
  case ResourceModel::GCloseDir:
    Release = Name + "(" + Member.str() + ");";
    break;
  default:
    return std::nullopt;
  }
  llvm::StringRef Indent = lineBefore(SM, Assign->getBeginLoc());
  if (Member.empty() || !Indent.trim().empty())
    return std::nullopt;
  return FixItHint::CreateInsertion(Assign->getBeginLoc(),
                                    Release + "\n" + Indent.str());
}
} // namespace

void OwningPointerCheck::reportOverwrittenMember(const ClassFinding &CF,
                                                 ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  SourceLocation L = SM.getFileLoc(CF.Site->getBeginLoc());
  TitledFix Fix(areDiagsSelfContained(),
                "release '" + CF.Field->getName().str() + "' first");
  if (std::optional<FixItHint> H =
          releaseBefore(CF.Site, CF.Acq->Group, CF.Method, Model, Ctx))
    Fix.add(*H);
  Fix.attachTo(diag(L, "%0 overwrites member '%1' while it still owns %2: "
                       "every constructor leaves it owning one and only the "
                       "destructor releases it")
               << CF.Method << CF.Field->getName() << acquiredBy(*CF.Acq));
  noteAcquiredAndReleased(CF, SM);
  Fix.emitNote(*this, L);
}

void OwningPointerCheck::noteAcquiredAndReleased(const ClassFinding &CF,
                                                 const SourceManager &SM) {
  if (CF.Acquired)
    diag(SM.getFileLoc(CF.Acquired->getBeginLoc()), acquiredNote(CF.Acq->Kind),
         DiagnosticIDs::Note);
  if (CF.Release)
    diag(SM.getFileLoc(CF.Release->getBeginLoc()),
         "the destructor releases '%0' here", DiagnosticIDs::Note)
        << CF.Field->getName();
}

void OwningPointerCheck::checkStruct(const RecordDecl *RD, ASTContext &Ctx) {
  if (Ctx.getLangOpts().CPlusPlus)
    return; // C++ has destructors (checkClass)
  OwnershipEngine::FindingsScope Findings(*Engine);
  const SourceManager &SM = Ctx.getSourceManager();
  llvm::StringRef Struct = RD->getName();
  if (Struct.empty())
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      Struct = TD->getName();
  for (const ClassFinding &CF : classes(Ctx).analyzeCStruct(RD)) {
    std::string What = acquiredBy(*CF.Acq);
    if (CF.Kind == ClassFinding::DisposerKeepsObject) {
      diag(SM.getFileLoc(CF.Destructor->getLocation()),
           "'%0' releases the fields of '%1' but not the object itself, %2")
          << CF.Destructor->getName() << Struct << What;
      diag(SM.getFileLoc(CF.Site->getBeginLoc()), acquiredNote(CF.Acq->Kind),
           DiagnosticIDs::Note);
      diag(SM.getFileLoc(CF.Acquired->getBeginLoc()),
           "given here as the function that disposes of each object",
           DiagnosticIDs::Note);
      continue;
    }
    TitledFix Fix(areDiagsSelfContained(),
                  "release '" + CF.Field->getName().str() + "' too");
    if (std::optional<FixItHint> H =
            releaseFieldToo(CF.Release, CF.Field, CF.Destructor, Ctx))
      Fix.add(*H);
    SourceLocation L = SM.getFileLoc(CF.Destructor->getLocation());
    Fix.attachTo(diag(L, "'%0' releases the fields of '%1' but not '%2', "
                         "which owns %3")
                 << CF.Destructor->getName() << Struct << CF.Field->getName()
                 << What);
    diag(SM.getFileLoc(CF.Site->getBeginLoc()), acquiredNote(CF.Acq->Kind),
         DiagnosticIDs::Note);
    Fix.emitNote(*this, L);
  }
  for (const ClassFinding &CF : classes(Ctx).refilledInLoops(RD))
    reportRefilledField(CF, Ctx);
  for (const ClassFinding &CF : classes(Ctx).arraysReleasedBare(RD)) {
    const Expr *Array = nullptr;
    for (const Expr *Arg : cast<CallExpr>(CF.Site)->arguments())
      if (const auto *ME = dyn_cast<MemberExpr>(Arg->IgnoreParenCasts());
          ME && ME->getMemberDecl() == CF.Field)
        Array = Arg;
    std::string Written = CF.Field->getName().str();
    if (Array && !Array->getBeginLoc().isMacroID())
      Written = writtenText(Array->IgnoreParenImpCasts(), SM,
                            Ctx.getLangOpts())
                    .str();
    diag(SM.getFileLoc(CF.Site->getBeginLoc()),
         "releasing '%0' loses what its elements own: each element is "
         "released before the array elsewhere, not here")
        << Written;
    diag(SM.getFileLoc(CF.Release->getBeginLoc()),
         "the elements of '%0' are released here, before the array",
         DiagnosticIDs::Note)
        << CF.Field->getName();
  }
  for (const ClassFinding &CF : classes(Ctx).structsReleasedWithOwners(RD)) {
    diag(SM.getFileLoc(CF.Site->getBeginLoc()),
         "releasing '%0' loses what its field '%1' may own: '%1' is not "
         "released or taken out first")
        << CF.Var->getName() << CF.Field->getName();
    diag(SM.getFileLoc(CF.Acquired->getBeginLoc()),
         "'%0' takes over what it points to here", DiagnosticIDs::Note)
        << CF.Field->getName();
    diag(SM.getFileLoc(CF.Release->getBeginLoc()),
         "and is nulled here once what it owns is taken out",
         DiagnosticIDs::Note);
  }
}

void OwningPointerCheck::reportRefilledField(const ClassFinding &CF,
                                             ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  const auto *Assign = dyn_cast<BinaryOperator>(CF.Site);
  // The field, or the caller's pointer given by address.
  llvm::StringRef Owner = CF.Field ? CF.Field->getName() : CF.Var->getName();
  std::string Written = Owner.str();
  if (Assign && !Assign->getLHS()->getBeginLoc().isMacroID())
    Written = writtenText(Assign->getLHS(), SM, LO).str();
  diag(SM.getFileLoc(CF.Site->getBeginLoc()),
       "%0 overwrites '%1' without releasing %2 that an earlier call left "
       "there; a loop calls it again %select{on the same object|with the "
       "same pointer}3")
      << CF.Method << Written << acquiredBy(*CF.Acq) << (CF.Field ? 0 : 1);
  diag(SM.getFileLoc(CF.Acquired->getBeginLoc()),
       "called here in a loop, which does not release '%0' between calls",
       DiagnosticIDs::Note)
      << Owner;
  diag(SM.getFileLoc(CF.Release->getBeginLoc()), "'%0' is released here",
       DiagnosticIDs::Note)
      << Owner;
}

void OwningPointerCheck::onEndOfTranslationUnit() {
  if (Engine && !ExportSummaries.empty()) {
    std::error_code EC;
    llvm::raw_fd_ostream OS(ExportSummaries, EC, llvm::sys::fs::OF_Append);
    if (!EC)
      Engine->exportSummaries(OS);
  }
  Classes.reset();
  Engine.reset();
  EngineCtx = nullptr;
}

} // namespace clang::tidy::leaklint

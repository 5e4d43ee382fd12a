//===--- LeakReporter.cpp - what one function analysis reports -----------===//

#include "LeakReporter.h"
#include "AstHelpers.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// The variable or field that \p Cond, taken as \p Taken, says is 0
/// (`!n`, `n == 0` taken; `n`, `n != 0` not taken).
const Decl *zeroTested(const Expr *Cond, bool Taken) {
  const Expr *E = testedCondition(Cond)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot)
    return zeroTested(UO->getSubExpr(), !Taken);
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    const auto *Zero = dyn_cast<IntegerLiteral>(BO->getRHS()->IgnoreParenImpCasts());
    if (!Zero || Zero->getValue() != 0 || (BO->getOpcode() == BO_EQ) != Taken)
      return nullptr;
    E = BO->getLHS()->IgnoreParenImpCasts();
  } else if (Taken) {
    return nullptr;
  }
  return namedDecl(E);
}

/// Whether \p S assigns to the variable or field \p D (`= `, `+=`, `++`).
bool assignsTo(const Stmt *S, const Decl *D) {
  bool Found = false;
  forEachNode(S, [&](const Stmt *X) {
    const Expr *LHS = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(X); BO && BO->isAssignmentOp())
      LHS = BO->getLHS();
    else if (const auto *UO = dyn_cast<UnaryOperator>(X);
             UO && UO->isIncrementDecrementOp())
      LHS = UO->getSubExpr();
    Found |= LHS && namedDecl(LHS) == D;
  });
  return Found;
}
} // namespace

Witness witnessOf(const HistPtr &H, unsigned Value, bool Hook,
                  const Stmt *SiteStmt, const SourceManager &SM,
                  unsigned MaxNotes, ConditionCorrelation &Correlation) {
  Witness W;
  std::vector<PathNote> Notes;
  // The undecided branches the precision rule counts: after the
  // acquisition, and all of them.
  llvm::SmallVector<const Hist *, 8> After, All;
  // The acquisition of this value: a later acquisition at the same site (the
  // next turn of a loop, about to overwrite it) is not where its path began.
  // A value the engine renumbered is found by its site.
  auto Acquires = [](const Hist *N, unsigned V, bool BySite) {
    return N->IsAcquire && (BySite ? N->Value / 4 == V / 4 : N->Value == V);
  };
  bool BySite = true;
  for (const Hist *N = H.get(); N && BySite; N = N->Prev.get())
    BySite = !Acquires(N, Value, false);
  const Hist *N = H.get();
  for (; N; N = N->Prev.get()) {
    if (N->IsAcquire) {
      if (Acquires(N, Value, BySite))
        break;
      continue;
    }
    Notes.push_back({N->L, N->Msg});
    if (!N->Uncounted)
      After.push_back(N);
  }
  All = After;
  for (const Hist *B = N; B; B = B->Prev.get())
    if (!B->IsAcquire && !B->Uncounted)
      All.push_back(B);
  SourceRange SiteRange = SiteStmt->getSourceRange();
  auto Around = [&](const Stmt *Loop) {
    SourceRange R = Loop->getSourceRange();
    return !SM.isBeforeInTranslationUnit(SiteRange.getBegin(), R.getBegin()) &&
           !SM.isBeforeInTranslationUnit(R.getEnd(), SiteRange.getBegin());
  };
  for (const Hist *Left : After)
    if (Left->Loop < 0 && !Around(Left->Branch) &&
        llvm::none_of(After, [&](const Hist *E) {
          return E->Loop > 0 && E->Branch == Left->Branch;
        }))
      W.ZeroTripLoop = true;
  for (const Hist *A : After)
    if (const Decl *Zero = A->Cond ? zeroTested(A->Cond, A->Taken) : nullptr;
        Zero && assignsTo(SiteStmt, Zero))
      W.ZeroSized = true;
  for (const Hist *A : After) {
    for (const Hist *B : All)
      if (A != B && !A->TestsAcquisition && !B->TestsAcquisition &&
          Correlation.mayCorrelate(A->Cond, B->Cond)) {
        W.CorrelatedBranches = true;
        break;
      }
    if (W.CorrelatedBranches)
      break;
  }
  if (Hook && N) {
    SourceLocation SiteLoc = SiteStmt->getBeginLoc();
    for (N = N->Prev.get(); N; N = N->Prev.get()) {
      if (N->IsAcquire || !N->Branch)
        continue;
      SourceRange R = N->Branch->getSourceRange();
      if (R.isValid() && SM.isBeforeInTranslationUnit(R.getBegin(), SiteLoc) &&
          SM.isBeforeInTranslationUnit(SiteLoc, R.getEnd()))
        Notes.push_back({N->L, N->Msg});
    }
  }
  std::reverse(Notes.begin(), Notes.end());
  if (Hook)
    Notes.erase(std::unique(Notes.begin(), Notes.end(),
                            [](const PathNote &A, const PathNote &B) {
                              return A.Loc == B.Loc && A.Message == B.Message;
                            }),
                Notes.end());
  if (Notes.size() > MaxNotes)
    Notes.erase(Notes.begin(), Notes.end() - MaxNotes);
  W.Notes = std::move(Notes);
  return W;
}

namespace {
/// Whether \p Ret returns the variable that \p Branch tested (`if ((r) <
/// 0) return (r);`): a status handed on to the caller, as error handling
/// does, where an assertion returns what it was told to (nothing, `NULL`).
bool returnsTestedValue(const Stmt *Ret, const Stmt *Branch) {
  const auto *RS = dyn_cast<ReturnStmt>(Ret);
  if (!RS || !RS->getRetValue())
    return false;
  const VarDecl *V = namedLocal(RS->getRetValue()->IgnoreParenCasts());
  const Expr *Cond = branchCondition(Branch);
  return V && Cond && mentionsLocal(Cond, V);
}
} // namespace

const Hist *failedHandOff(const HistPtr &H, unsigned Value) {
  for (const Hist *N = H.get(); N; N = N->Prev.get()) {
    if (N->IsAcquire && N->Value == Value)
      return nullptr;
    if (N->FailedHandOff && N->Value == Value)
      return N;
  }
  return nullptr;
}

bool isAssertionExit(const Stmt *Ret, const HistPtr &H,
                     const SourceManager &SM) {
  if (!Ret || !Ret->getBeginLoc().isMacroID())
    return false;
  // The latest branch the path took that the engine could not decide.
  const Hist *N = H.get();
  while (N && (N->IsAcquire || N->Uncounted || !N->Branch))
    N = N->Prev.get();
  if (!N)
    return false;
  SourceLocation B = N->Branch->getBeginLoc();
  return B.isMacroID() &&
         SM.getExpansionLoc(B) == SM.getExpansionLoc(Ret->getBeginLoc()) &&
         !returnsTestedValue(Ret, N->Branch);
}

unsigned witnessDistance(bool OutOfMemory, LeakCause Cause) {
  return 2 * OutOfMemory + (Cause == LeakCause::Throw);
}

/// Whether witness \p C is nearer than \p Old (witnessDistance). A path
/// on which no allocation failed is nearer than one on which one did only
/// where its own undecided branches are independent: where they may test
/// one thing twice, it may be a path the program never takes, and the
/// failure of an allocation is one it may.
static bool nearer(const Candidate &C, const Candidate &Old) {
  if (Old.OutOfMemory && !C.OutOfMemory && C.CorrelatedBranches)
    return Old.F.Cause == LeakCause::Throw && C.F.Cause != LeakCause::Throw;
  return witnessDistance(C.OutOfMemory, C.F.Cause) <
         witnessDistance(Old.OutOfMemory, Old.F.Cause);
}

bool ranOutOfMemory(const HistPtr &H) {
  for (const Hist *N = H.get(); N; N = N->Prev.get())
    if (N->OutOfMemory)
      return true;
  return false;
}

void LeakReporter::addCandidate(unsigned Site, Candidate C,
                               const SourceManager &SM) {
  auto It = Candidates.find(Site);
  if (It == Candidates.end()) {
    Candidates.emplace(Site, std::move(C));
    return;
  }
  if (C.dependsOnUnseenInvariant())
    return;
  if (It->second.dependsOnUnseenInvariant()) {
    It->second = std::move(C);
    return;
  }
  if (nearer(C, It->second)) {
    std::vector<SourceLocation> Others = std::move(It->second.F.AlsoLostAt);
    Others.insert(Others.begin(), SM.getFileLoc(It->second.F.Loc));
    It->second = std::move(C);
    for (SourceLocation L : Others)
      if (It->second.F.AlsoLostAt.size() < 3 &&
          L != SM.getFileLoc(It->second.F.Loc) &&
          !llvm::is_contained(It->second.F.AlsoLostAt, L))
        It->second.F.AlsoLostAt.push_back(L);
  }
}

bool isExitOfMain(const FunctionDecl *FD, const EngineOptions &Opts,
                  LeakCause Cause, SourceLocation L) {
  if (!FD->isMain() || !Opts.IgnoreLeaksInMain)
    return false;
  return Cause == LeakCause::Return || Cause == LeakCause::EarlyReturn ||
         (Cause == LeakCause::ScopeEnd &&
          L == cast<CompoundStmt>(FD->getBody())->getRBracLoc());
}

bool LeakReporter::wantsOtherLoss(unsigned Site, SourceLocation Place,
                                  const SourceManager &SM) {
  constexpr unsigned MaxPlaces = 3, MaxTries = 12;
  auto It = Candidates.find(Site);
  if (It == Candidates.end() || It->second.F.Kind != Finding::Leak)
    return false;
  const Finding &F = It->second.F;
  if (Place == SM.getFileLoc(F.Loc) || F.AlsoLostAt.size() >= MaxPlaces ||
      llvm::is_contained(F.AlsoLostAt, Place))
    return false;
  return ++OtherLossTries[Site] <= MaxTries;
}

std::vector<Finding> LeakReporter::takeFindings(const FunctionDecl *FD,
                                                const EngineOptions &Opts,
                                                const SourceManager &SM) {
  std::vector<Finding> Out;
  for (auto &[Site, C] : Candidates) {
    // Precision rule (docs/checks/owning-pointer.md): a leak that may be
    // the correlated-flags pattern, or that needs a loop to run zero times,
    // of a resource that some other path releases, is not reported.
    if (C.dependsOnUnseenInvariant() && ReleasedSites.count(Site))
      continue;
    if (isExitOfMain(FD, Opts, C.F.Cause, C.F.Loc))
      continue;
    Out.push_back(std::move(C.F));
  }
  for (auto &[Site, F] : Immediate)
    Out.push_back(std::move(F));
  llvm::sort(Out, [&](const Finding &A, const Finding &B) {
    return SM.isBeforeInTranslationUnit(A.Loc, B.Loc);
  });
  return Out;
}

} // namespace clang::tidy::leaklint::ownership::detail

//===--- LeakReporter.cpp - what one function analysis reports -----------===//

#include "LeakReporter.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// What a condition reads: whether it reads variables or fields, and the
/// functions it calls.
struct ConditionAtoms {
  bool ReadsState = false;
  llvm::SmallPtrSet<const Decl *, 4> Callees;
};

ConditionAtoms atomsOf(const Expr *E) {
  ConditionAtoms A;
  llvm::SmallVector<const Stmt *, 16> Work{E};
  while (!Work.empty()) {
    const Stmt *X = Work.pop_back_val();
    if (!X)
      continue;
    if (const auto *DR = dyn_cast<DeclRefExpr>(X))
      A.ReadsState |= isa<VarDecl>(DR->getDecl());
    else if (const auto *ME = dyn_cast<MemberExpr>(X))
      A.ReadsState |= isa<FieldDecl>(ME->getMemberDecl());
    else if (const auto *CE = dyn_cast<CallExpr>(X))
      if (const Decl *Callee = CE->getCalleeDecl())
        A.Callees.insert(Callee->getCanonicalDecl());
    for (const Stmt *C : X->children())
      Work.push_back(C);
  }
  return A;
}
} // namespace

bool mayCorrelate(const Expr *A, const Expr *B) {
  if (!A || !B)
    return true;
  ConditionAtoms X = atomsOf(A), Y = atomsOf(B);
  if (X.ReadsState && Y.ReadsState)
    return true;
  return llvm::any_of(X.Callees,
                      [&](const Decl *D) { return Y.Callees.contains(D); });
}

Witness witnessOf(const HistPtr &H, unsigned Site, bool Hook,
                  const Stmt *SiteStmt, const SourceManager &SM,
                  unsigned MaxNotes) {
  Witness W;
  std::vector<PathNote> Notes;
  // The undecided branches the precision rule counts: after the
  // acquisition, and all of them.
  llvm::SmallVector<const Hist *, 8> After, All;
  const Hist *N = H.get();
  for (; N; N = N->Prev.get()) {
    if (N->IsAcquire) {
      if (N->Site == Site)
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
  for (const Hist *A : After)
    for (const Hist *B : All)
      if (A != B && !A->TestsAcquisition && !B->TestsAcquisition &&
          mayCorrelate(A->Cond, B->Cond)) {
        W.CorrelatedBranches = true;
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
         SM.getExpansionLoc(B) == SM.getExpansionLoc(Ret->getBeginLoc());
}

void LeakReporter::addCandidate(unsigned Site, Candidate C) {
  auto It = Candidates.find(Site);
  if (It == Candidates.end())
    Candidates.emplace(Site, std::move(C));
  else if (It->second.mayBeCorrelated() && !C.mayBeCorrelated())
    It->second = std::move(C);
}

std::vector<Finding> LeakReporter::takeFindings(const FunctionDecl *FD,
                                                const EngineOptions &Opts,
                                                const SourceManager &SM) {
  std::vector<Finding> Out;
  bool InMain = FD->isMain() && Opts.IgnoreLeaksInMain;
  for (auto &[Site, C] : Candidates) {
    // Precision rule (docs/checks/owning-pointer.md): a leak that may be
    // the correlated-flags pattern, of a resource that some other path
    // releases, is not reported.
    if (C.mayBeCorrelated() && ReleasedSites.count(Site))
      continue;
    if (InMain && (C.F.Cause == LeakCause::Return ||
                   C.F.Cause == LeakCause::EarlyReturn ||
                   (C.F.Cause == LeakCause::ScopeEnd &&
                    C.F.Loc == cast<CompoundStmt>(FD->getBody())->getRBracLoc())))
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

//===--- LeakReporter.cpp - what one function analysis reports -----------===//

#include "LeakReporter.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leaklint::ownership::detail {

Witness witnessOf(const HistPtr &H, unsigned Site, bool Hook,
                  const Stmt *SiteStmt, const SourceManager &SM,
                  unsigned MaxNotes) {
  Witness W;
  std::vector<PathNote> Notes;
  unsigned Undecided = 0;
  const Hist *N = H.get();
  for (; N; N = N->Prev.get()) {
    if (N->IsAcquire) {
      if (N->Site == Site)
        break;
      continue;
    }
    Notes.push_back({N->L, N->Msg});
    Undecided += !N->Uncounted;
  }
  W.UndecidedAfter = Undecided;
  for (const Hist *B = N; B; B = B->Prev.get())
    Undecided += !B->IsAcquire && !B->Uncounted;
  W.Undecided = Undecided;
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

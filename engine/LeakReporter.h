//===--- LeakReporter.h - what one function analysis reports ---*- C++ -*-===//
//
// The engine's bug reporter: it keeps the first witness path of each leaked
// acquisition (replaced by a later one only where the precision rule would
// drop the first), the mismatches and realloc losses reported as soon as
// they are seen, and builds the path notes a person can follow.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_LEAKREPORTER_H
#define LEAKLINT_ENGINE_LEAKREPORTER_H

#include "Correlation.h"
#include "OwnershipEngine.h"
#include "PathHistory.h"
#include "llvm/ADT/DenseSet.h"
#include <map>
#include <vector>

namespace clang::tidy::leaklint::ownership::detail {

/// A leak on one path, before the precision rule decides on it.
struct Candidate {
  Finding F;
  bool NaturalEnd = false;
  /// The path took an undecided branch after the acquisition and another
  /// undecided branch anywhere whose conditions may be correlated.
  bool CorrelatedBranches = false;
  /// The precision rule: a leak at the natural end of its owner's scope, on
  /// a path whose undecided branches may be one condition tested twice,
  /// may be the correlated-flags pattern. With a single undecided branch on
  /// the path there is nothing to correlate: `std::thread t(f); if (wait)
  /// t.join();` leaks when `wait` is false; nor between a flag and a fresh
  /// call result (`if (rand_bool()) free(p);`).
  bool mayBeCorrelated() const { return NaturalEnd && CorrelatedBranches; }
  /// The path left a while/for loop, not around the acquisition, without
  /// running its body once since the acquisition, though the engine could
  /// not tell whether it runs: the leak may need a loop that never runs
  /// (`for (c = 0; c < settings.workers; c++) hand_off(fd);`).
  bool ZeroTripLoop = false;
  /// The path took a number that the acquiring expression itself set
  /// (`malloc(n * (alloc += 100))`) for 0: the leak needs an allocation of
  /// nothing (discount's `if (alloc) free(text)`).
  bool ZeroSized = false;
  /// A leak the precision rule drops when another path releases the
  /// resource (docs/checks/owning-pointer.md).
  bool dependsOnUnseenInvariant() const {
    return mayBeCorrelated() || ZeroTripLoop || ZeroSized;
  }
  /// The path assumed that some allocation ran out of memory.
  bool OutOfMemory = false;
};

/// How far a witness path is from the paths a reader meets first: one
/// that needs an allocation to run out of memory, or leaves by an
/// exception, is further than one that does neither (lower is nearer).
unsigned witnessDistance(bool OutOfMemory, LeakCause Cause);

/// Whether the path \p H assumed that an allocation ran out of memory
/// (Hist::OutOfMemory).
bool ranOutOfMemory(const HistPtr &H);

/// The notes of a witness path and whether its undecided branches may be
/// correlated (Candidate::CorrelatedBranches).
struct Witness {
  std::vector<PathNote> Notes;
  bool CorrelatedBranches = false;
  bool ZeroTripLoop = false; ///< Candidate::ZeroTripLoop
  bool ZeroSized = false;    ///< Candidate::ZeroSized
};

/// The witness of a leak of the value \p Value acquired on the path
/// \p H: the undecided branches taken since the acquisition, the last
/// \p MaxNotes of them. For a hook obligation (\p Hook), also the decisions
/// that led into the acquisition \p SiteStmt (the branch or loop whose body
/// acquires), once each.
Witness witnessOf(const HistPtr &H, unsigned Value, bool Hook,
                  const Stmt *SiteStmt, const SourceManager &SM,
                  unsigned MaxNotes, ConditionCorrelation &Correlation);

/// The event of \p H, since \p Value was acquired, where a call given it
/// ran out of memory and kept nothing (Hist::FailedHandOff); null if none.
const Hist *failedHandOff(const HistPtr &H, unsigned Value);

/// Whether \p Ret is a return (or a `throw`) a macro wrote, taken on a
/// condition of the same macro that the engine could not decide: an
/// assertion (`ASSERT_TRUE(p != nullptr)`, `CHECK(ok)`, `XMP_Validate(c,
/// msg, e)`) whose condition is hidden in the helpers it calls. A leak there is not reported: the engine cannot
/// tell the failing path from the one on which nothing leaks.
bool isAssertionExit(const Stmt *Ret, const HistPtr &H,
                     const SourceManager &SM);

/// Whether a loss by \p Cause at \p L leaves \p FD as `main` ends (its
/// returns, the end of its body): a one-time leak at the program's exit,
/// not reported under IgnoreLeaksInMain.
bool isExitOfMain(const FunctionDecl *FD, const EngineOptions &Opts,
                  LeakCause Cause, SourceLocation L);

class LeakReporter {
public:
  /// A leak of the acquisition at \p Site. The first witness wins, except
  /// that a witness the precision rule keeps replaces one it would drop,
  /// and a nearer one (witnessDistance: no allocation ran out of memory, a
  /// return or the end of a scope rather than an exception, often an
  /// internal error's `throw`) replaces a further one, whose place becomes
  /// one of its other places.
  void addCandidate(unsigned Site, Candidate C, const SourceManager &SM);
  /// Site \p Site has a witness that no later one lost by \p Cause would
  /// replace.
  bool hasSettledCandidate(unsigned Site, LeakCause Cause,
                           bool OutOfMemory) const {
    auto It = Candidates.find(Site);
    if (It == Candidates.end() || It->second.dependsOnUnseenInvariant())
      return false;
    return witnessDistance(It->second.OutOfMemory, It->second.F.Cause) <=
           witnessDistance(OutOfMemory, Cause);
  }
  /// Whether a loss at \p Place (a file location) of the acquisition at
  /// \p Site, settled on another path, is worth a witness: a place its
  /// finding does not name yet, while it names only a few and few witnesses
  /// were built for it.
  bool wantsOtherLoss(unsigned Site, SourceLocation Place,
                      const SourceManager &SM);
  /// The settled finding of \p Site is also lost at \p L.
  void addOtherLoss(unsigned Site, SourceLocation L) {
    Candidates[Site].F.AlsoLostAt.push_back(L);
  }
  /// Mismatches and realloc losses: one per key (a site or a statement).
  bool hasImmediate(unsigned Key) const { return Immediate.count(Key); }
  void addImmediate(unsigned Key, Finding F) {
    Immediate[Key] = std::move(F);
  }
  /// Some path released (or handed over) the acquisition at \p Site.
  void markReleased(unsigned Site) { ReleasedSites.insert(Site); }
  /// The acquisition at \p Site is the result of factory \p F.
  void setFactory(unsigned Site, const FunctionDecl *F) {
    ViaFactory[Site] = F;
  }
  const FunctionDecl *factory(unsigned Site) const {
    auto It = ViaFactory.find(Site);
    return It == ViaFactory.end() ? nullptr : It->second;
  }
  /// What is reported for function \p FD, in source order.
  std::vector<Finding> takeFindings(const FunctionDecl *FD,
                                    const EngineOptions &Opts,
                                    const SourceManager &SM);

private:
  std::map<unsigned, Candidate> Candidates;
  std::map<unsigned, Finding> Immediate;
  llvm::DenseSet<unsigned> ReleasedSites;
  std::map<unsigned, const FunctionDecl *> ViaFactory;
  /// Per site, the witnesses built for losses on other paths.
  std::map<unsigned, unsigned> OtherLossTries;
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_LEAKREPORTER_H

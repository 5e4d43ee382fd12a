//===--- OwnershipEngine.h - path-sensitive obligation tracking -*- C++ -*-===//
//
// The ownership engine of leaklint: a path-sensitive walk over clang::CFG
// that tracks obligations (memory, files, descriptors, threads, ...) from the
// expression that creates them to the point where they are discharged, handed
// off, or lost.
//
// API (for checks built on it):
//   * A ResourceModel (ResourceModel.h) says which library calls acquire and
//     which release; its Acquirer rows carry the ResourceKind (the wording) and
//     the release group. Add kinds by giving the engine ObligationHooks:
//       - acquires(E): E (a call, new-expression or construction) creates a
//         fresh obligation: return its Acquirer (the hooks own it);
//       - discharges(E): E discharges the obligation held by an operand:
//         return that operand (e.g. `t` in `t.join()`).
//       - testsLive(C): condition C is true exactly while the operand it
//         returns holds an undischarged obligation (`t.joinable()`): the
//         engine decides C on each path, so `if (t.joinable()) t.join();`
//         has no path on which `t` stays joinable.
//     acquires/discharges are asked about calls (operator calls too) and
//     constructions (`std::thread t(f);`).
//     A value held by a local object (e.g. `std::thread t(f);`) is tracked
//     like a pointer: its last owner is the variable; moves of the object
//     (`std::thread u = std::move(t);`) move the obligation.
//   * OwnershipEngine E(Ctx, Model, Options, Hooks);
//     std::vector<Finding> Fs = E.analyze(FD);  // one function body
//     Each Finding is a leak (LeakCause says where the obligation was lost),
//     a release mismatch or a realloc loss, with the acquisition site and the
//     path notes of its first witness path (at most a handful).
//   * E.summary(FD) is the memoized interprocedural summary of a function of
//     the TU (FunctionSummaries.h); E.exportSummaries(OS) writes all that were
//     computed as JSON lines.
//
// Budget: Options.MaxSteps block visits per function; a function that
// exceeds it reports nothing (E.lastRunOverBudget() says so, for debugging).
//
// The implementation: FunctionAnalysis.h lists its parts, one file each.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_OWNERSHIPENGINE_H
#define LEAKLINT_ENGINE_OWNERSHIPENGINE_H

#include "FunctionSummaries.h"
#include "ObligationHooks.h"
#include "ReleasedResults.h"
#include "ResourceModel.h"
#include "SummaryIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace clang::tidy::leaklint::ownership {

namespace detail {
struct GlobalCells;
class CallSites;
class Overriders;
} // namespace detail

/// What a caller knows of the arguments of a call, per parameter: an
/// integer, or 0 for a null pointer.
using CallContext = std::vector<std::optional<int64_t>>;

struct EngineOptions {
  unsigned MaxSteps = 20000; ///< block visits per function
  /// Summaries specialised to the constant arguments of a call, at most
  /// this many per function (then the general summary is used).
  unsigned MaxContextsPerFunction = 4;
  bool IgnoreLeaksInMain = true;
  unsigned MaxNotes = 4; ///< path notes per finding (the last ones)
  /// Also report the leaks that depend on what the engine cannot see
  /// (the owning-pointer check's `Strictness: strict`): a callee that threw
  /// after it was given the resource, a discarded `unique_ptr::release()`.
  bool Strict = false;
};

/// Where an obligation was lost.
enum class LeakCause : unsigned char {
  ScopeEnd,    ///< its last owner went out of scope at the end of its block
  Return,      ///< on a return statement that ends the function body
  EarlyReturn, ///< on a return statement before the end of the body
  Jump,        ///< break, continue or goto left the owner's scope
  Throw,       ///< an exception left the function
  Overwrite,   ///< the last owner was assigned something else
  Discarded,   ///< the result was never stored
  /// the heap block that held it was freed (Finding::LValue names the
  /// field, Finding::Holder the block)
  OwnerReleased,
  /// a call overwrote the cell of a global that held it (Finding::Owner is
  /// the global, LostAt the call)
  CalleeOverwrite,
  /// a call took it out of the cell of a global and lost it
  CalleeDrop,
  /// given to a call that keeps it only when it has the memory to, whose
  /// result is ignored (Finding::LostAt is the call, Finding::Loc too)
  HandOffFailed,
};

struct PathNote {
  SourceLocation Loc;
  std::string Message;
};

struct Finding {
  enum KindT : unsigned char { Leak, Mismatch, ReallocLoss } Kind = Leak;
  LeakCause Cause = LeakCause::ScopeEnd;
  SourceLocation Loc;               ///< where to report
  const Stmt *Site = nullptr;       ///< the acquisition
  const Acquirer *Acq = nullptr;    ///< how it was acquired
  const FunctionDecl *Via = nullptr; ///< factory function, if any
  const ValueDecl *Owner = nullptr; ///< last owner, if a variable
  const Stmt *LostAt = nullptr;     ///< the statement that lost it, if any
  std::string Releaser;             ///< Mismatch: the release used ...
  const FunctionDecl *ReleasedIn = nullptr; ///< ... by this callee, if any
  /// The owner as written when it is not a variable (`'s->buf'`, quoted);
  /// for a ReallocLoss of a block the engine does not track (a field of a
  /// parameter, `*out`, a global), Site and Acq are then null.
  std::string LValue;
  /// OwnerReleased: the block that was freed, as written (quoted).
  std::string Holder;
  std::vector<PathNote> Notes;      ///< branch decisions of the witness
  /// Leak: where other paths lose the same acquisition (a few file
  /// locations, none of them Loc's).
  std::vector<SourceLocation> AlsoLostAt;
};

class OwnershipEngine {
public:
  OwnershipEngine(ASTContext &Ctx, const ResourceModel &Model,
                  EngineOptions Opts, const ObligationHooks *Hooks = nullptr);
  ~OwnershipEngine();
  OwnershipEngine(const OwnershipEngine &) = delete;
  OwnershipEngine &operator=(const OwnershipEngine &) = delete;

  /// Analyses the body of \p FD and returns what it found.
  std::vector<Finding> analyze(const FunctionDecl *FD);
  /// The summary of \p FD (which must have one, see hasSummary), computed
  /// on demand.
  const FunctionSummary &summary(const FunctionDecl *FD);
  /// The summary of \p FD for a call whose arguments are \p Known
  /// (`sink(p, 0)`: the path on which `if (flag) free(p)` frees is not
  /// taken): what the callee does to its arguments and returns, on the
  /// paths those values allow.
  const FunctionSummary &summary(const FunctionDecl *FD,
                                 const CallContext &Known);
  /// What method \p M (a constructor and a destructor included) does to
  /// each field of its object it names (`this->f`, `f`): the value the
  /// field held on entry and what it holds after, as
  /// FunctionSummary::CellEffect with a null Var, one per field. A call
  /// that may reach the object (given `this`, a method of it, code the
  /// engine cannot see) hands every field off. None when \p M has no body
  /// or the budget ran out.
  const std::optional<std::vector<FunctionSummary::CellEffect>> &
  memberEffects(const CXXMethodDecl *M);
  /// What \p FD does to each field of a struct its parameters point to
  /// (`p->f`), as FunctionSummary::CellEffect whose Var is the parameter
  /// and whose Path is the field below it. A call that may reach the
  /// object (given `p`, code the engine cannot see) hands its fields off.
  /// None when \p FD has no body or the budget ran out.
  const std::optional<std::vector<FunctionSummary::CellEffect>> &
  paramFieldEffects(const FunctionDecl *FD);
  bool lastRunOverBudget() const { return OverBudget; }
  /// Writes the summaries of the TU's functions (JSON lines), and the hooks
  /// it sets (HookPrefix lines), for other TUs to import.
  void exportSummaries(llvm::raw_ostream &OS);

  // Used by the analysis (implementation detail).
  ASTContext &context() const { return Ctx; }
  const ResourceModel &model() const { return Model; }
  const ObligationHooks *hooks() const { return Hooks; }
  const EngineOptions &options() const { return Opts; }
  /// Whether the TU writes (or takes the address of) global \p VD anywhere.
  bool isWrittenInTU(const VarDecl *VD);
  /// The acquirer of the result of a call through a table of functions
  /// (DispatchTables.h) whose every entry returns a fresh resource of one
  /// acquirer; null otherwise.
  const Acquirer *tableAcquirer(const CallExpr *CE);
  /// Whether the engine follows what the parts of global \p VD hold across
  /// the TU's functions (GlobalCells.h), and whether code outside the TU
  /// may change them too.
  enum class Cell : unsigned char { No, Internal, Reachable };
  Cell cellGlobal(const VarDecl *VD);
  /// Whether the TU has any such global.
  bool hasCellGlobals();
  /// The function that calls through the function-pointer field or global
  /// \p D stand for (HookTargets.h): a model function (malloc, free, ...)
  /// as the TU sets it, or, where the TU sets it nowhere, as the other TUs
  /// do (whole-program mode), which may also be a function of the program
  /// that every unit setting the global sets it to.
  const FunctionDecl *hookTarget(const ValueDecl *D);
  /// The one method a call of virtual \p MD may run, when the TU sees every
  /// class that may override it (Overriders.h); null otherwise.
  const CXXMethodDecl *onlyOverrider(const CXXMethodDecl *MD);
  /// Whether every call of file-local \p FD passes a null pointer by
  /// address (or reference) as argument \p Param (CallSites.h).
  bool everyCallPassesNull(const FunctionDecl *FD, unsigned Param);
  /// Whether \p FD reallocates its first argument: realloc's family, or a
  /// function whose attributes make it an allocator and which takes a block
  /// of the type it returns (AllocatorAttributes.h).
  bool isRealloc(const FunctionDecl *FD);
  /// Whether a call of \p FD never comes back: it is `noreturn`, or no
  /// path through its body returns (a `die()` that prints and exits), or,
  /// in whole-program mode, another TU's summary of it says so. A virtual
  /// method may be overridden: it may return.
  bool neverReturns(const FunctionDecl *FD);
  /// Whether the engine may look into \p FD's body for a summary.
  bool hasUsableBody(const FunctionDecl *FD) const;
  /// Whether summary(\p FD) says what \p FD does: its body is usable, or
  /// another TU's summary of it was imported.
  bool hasSummary(const FunctionDecl *FD);
  /// Whether \p FD is library code, which does not write the program's
  /// globals: declared in a system header, or known to the resource model
  /// (an acquirer, a release, a reader).
  bool isLibraryCode(const FunctionDecl *FD);
  /// Whether \p FD, a function without a usable body, returns or delivers
  /// a fresh resource by the summary another TU exported of it (what a
  /// quick look for possible acquisitions asks, and all it depends on).
  bool importedFactory(const FunctionDecl *FD);
  /// Whole-program mode: summaries of the functions other TUs define
  /// (\p Index outlives the engine), used for the calls of functions this
  /// TU only declares.
  void importSummaries(const SummaryIndex *Index) { Imported = Index; }
  /// Whole-program mode: remember the USR of every function the analysis
  /// asked for a summary it could only import (whether or not one was),
  /// and which of them each result depends on, so that a driver
  /// re-analyses this TU only when one of those that matter changed.
  void recordImports() { RecordImports = true; }
  /// While one lives, the imported summaries the engine reads (directly,
  /// or through the summaries of the TU's own functions) are what the TU's
  /// findings depend on. Summaries computed with none open depend only on
  /// what they read themselves (exportSummaries lists it per summary).
  class FindingsScope {
  public:
    explicit FindingsScope(OwnershipEngine &E) : E(E) { E.DepScopes.emplace_back(); }
    ~FindingsScope() {
      E.FindingDeps.insert(E.DepScopes.back().begin(), E.DepScopes.back().end());
      E.DepScopes.pop_back();
    }
    FindingsScope(const FindingsScope &) = delete;
    FindingsScope &operator=(const FindingsScope &) = delete;

  private:
    OwnershipEngine &E;
  };
  /// The number of \p A in the engine's acquirer numbering (what values and
  /// FunctionSummary::ReturnsAcquirer store): the model's rows first, then
  /// the acquirers the hooks returned, in order of first use.
  unsigned acquirerIndex(const Acquirer *A);
  /// The acquirer numbered \p I by acquirerIndex.
  const Acquirer *acquirerAt(unsigned I) const;
  /// Whether acquirer \p I is one of the hooks' (a thread, a custom
  /// obligation kind) rather than the model's or one the engine made (a
  /// delivering function's, an attribute's).
  bool isHookAcquirer(unsigned I) const {
    return I >= Model.size() && !Made.count(acquirerAt(I));
  }
  /// The acquirer a call of \p FD is: the model's row, or what the
  /// declaration's attributes say (AllocatorAttributes.h).
  const Acquirer *acquirerOf(const FunctionDecl *FD);
  /// The acquirer that \p CE, a call the engine knows nothing else of, is
  /// because \p Caller frees its result (ReleasedResults.h); null if it is
  /// not one.
  const Acquirer *freedResultAcquirer(const CallExpr *CE,
                                      const FunctionDecl *Caller);
  /// The acquirer that \p CE, a call given the address of a local pointer
  /// that \p Caller frees afterwards, is (ReleasedResults.h): a delivery
  /// through that argument; null if it is not one.
  const Acquirer *freedOutputAcquirer(const CallExpr *CE,
                                      const FunctionDecl *Caller);
  /// The release a call of \p FD is: the model's, or `ownership_takes`.
  std::optional<Releaser> releaserOf(const FunctionDecl *FD);
  /// Whether a leak of what \p A acquired is one this file can be asked
  /// to mend. Not where \p A is known only by a plain `malloc` attribute
  /// (no release named: exim's pool allocator `store_get` is declared so)
  /// and no code of the file releases memory at all: its blocks are
  /// released elsewhere, by a pool's reset or another file's destructor,
  /// and a path that drops one here is not shown to lose it.
  bool leakIsThisFiles(const Acquirer &A);
  /// Whether \p Group is an attribute's module (`ownership_returns(m)`, or
  /// none for a plain `malloc` attribute): a family of its own, whose
  /// releases are those the attributes name, never a mismatch with others.
  static bool isModuleGroup(unsigned Group) {
    return Group >= FirstModuleGroup;
  }
  /// The acquirer of a function that delivers what \p Base acquires
  /// through its argument \p OutArg and reports \p Failure by its result
  /// (FunctionSummary::Out): the same resource, kind and release.
  const Acquirer *deliveringAcquirer(const Acquirer &Base, unsigned OutArg,
                                     FailureValue Failure);
  /// The acquirer of a function that returns what \p Base acquires (a
  /// factory, FunctionSummary::ReturnsAcquirer): the same resource, as its
  /// result. What `posix_memalign` delivers through `*arg` and reports by a
  /// status, returned, is a pointer that is null when it failed.
  const Acquirer *returningAcquirer(const Acquirer &Base, bool Pointer);
  /// The "acquirer" of the result of a call that keeps what it is given
  /// only when it succeeds, and reports \p Failure otherwise: a status,
  /// no resource (Acquirer::StatusOnly); \p OutOfMemory: only when it
  /// runs out of memory.
  const Acquirer *statusAcquirer(FailureValue Failure, bool OutOfMemory);

private:
  ASTContext &Ctx;
  const ResourceModel &Model;
  EngineOptions Opts;
  const ObligationHooks *Hooks;
  bool OverBudget = false;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<FunctionSummary>>
      Summaries;
  llvm::DenseSet<const FunctionDecl *> InProgress;
  std::vector<const FunctionDecl *> SummaryOrder;
  std::map<std::pair<const FunctionDecl *, CallContext>,
           std::unique_ptr<FunctionSummary>>
      Specialised;
  llvm::DenseMap<const FunctionDecl *, unsigned> SpecialisedCount;
  /// The block visits each function's own summary took.
  llvm::DenseMap<const FunctionDecl *, unsigned> SummarySteps;
  /// memberEffects (true) and paramFieldEffects (false), by function.
  std::map<std::pair<const FunctionDecl *, bool>,
           std::optional<std::vector<FunctionSummary::CellEffect>>>
      FollowedCells;
  /// A summary-mode run of \p FD that follows the fields of its object
  /// (\p Members) or of what its parameters point to: the cells it reports.
  std::optional<std::vector<FunctionSummary::CellEffect>>
  followedCells(const FunctionDecl *FD, bool Members);
  /// Whether the summary of \p Def took a good part of the budget: not
  /// worth a second walk.
  bool costly(const FunctionDecl *Def) const;
  std::optional<llvm::DenseSet<const VarDecl *>> WrittenGlobals;
  /// Per table of functions: the acquirer its entries share (nullopt: none).
  llvm::DenseMap<const VarDecl *, std::optional<unsigned>> TableAcquirers;
  std::unique_ptr<detail::GlobalCells> Cells;
  std::unique_ptr<detail::Overriders> OverriderIndex;
  std::unique_ptr<detail::CallSites> CallSiteIndex;
  const detail::GlobalCells &cells();
  /// The one function the TU stores into each hook (null: two).
  std::optional<llvm::DenseMap<const ValueDecl *, const FunctionDecl *>>
      HookSettings;
  /// Of those, the model's (null: a function of the program, or two).
  std::optional<llvm::DenseMap<const ValueDecl *, const FunctionDecl *>>
      HookTargets;
  const llvm::DenseMap<const ValueDecl *, const FunctionDecl *> &hookSettings();
  const llvm::DenseMap<const ValueDecl *, const FunctionDecl *> &localHooks();
  bool isModelFunction(const FunctionDecl *F) const;
  /// The function \p Name as the TU declares it, or declared for the
  /// occasion with the prototype of the hook (of type \p HookType) that
  /// stands for it.
  const FunctionDecl *functionNamed(llvm::StringRef Name, QualType HookType);
  /// The function of the program with \p USR, found or declared as
  /// functionNamed does; null if that declaration is not the one with
  /// \p USR (a function in a namespace, or of another prototype).
  const FunctionDecl *programFunction(llvm::StringRef USR, QualType HookType);
  /// Per function, the calls whose result it frees (ReleasedResults.h).
  llvm::DenseMap<const FunctionDecl *, llvm::DenseSet<const CallExpr *>>
      FreedResults;
  /// Per function, the calls that hand over what it frees through an
  /// address (ReleasedResults.h).
  llvm::DenseMap<const FunctionDecl *,
                 llvm::DenseMap<const CallExpr *, detail::FreedOutput>>
      FreedOutputs;
  /// Whether \p C releases its first argument as `free` does: the
  /// model's release, or (\p OrProgramRelease) a function of the program
  /// whose summary releases it with `free` or with a release not known.
  bool freesFirstArgument(const CallExpr *C, bool OrProgramRelease);
  /// The acquirer a freed result (\p OutArg -1) or a freed address of
  /// \p CE is: memory of the malloc family, named after the callee.
  const Acquirer *freedAcquirer(const CallExpr *CE, FailureValue Failure,
                                int OutArg);
  /// The scan of \p Caller for freedOutputAcquirer.
  llvm::DenseMap<const CallExpr *, detail::FreedOutput>
  outputsFreedBy(const FunctionDecl *Caller);
  /// Whether the engine knows nothing of what \p CE's callee returns.
  bool isUnknownCall(const CallExpr *CE);
  /// Hooks the TU never sets: the USR's dependency key and the target the
  /// other TUs give it (null: none).
  llvm::DenseMap<const ValueDecl *, std::pair<std::string, const FunctionDecl *>>
      ImportedHooks;
  std::vector<const Acquirer *> HookAcquirers; ///< owned by Hooks or below
  /// The acquirers the engine made (a deque: they stay in place).
  std::deque<Acquirer> MadeStore;
  llvm::DenseSet<const Acquirer *> Made;
  /// The one made acquirer of each (name, kind, group, out-argument,
  /// failure): a delivering function's is asked for at every call.
  std::map<std::tuple<std::string, ResourceKind, unsigned, int, FailureValue>,
           const Acquirer *>
      MadeIndex;
  const Acquirer *make(Acquirer A);
  /// After the user pairs' groups: the attribute modules' groups.
  static constexpr unsigned FirstModuleGroup =
      ResourceModel::GFirstCustom + 4096;
  /// The release group of an attribute's module (AllocatorAttributes.h).
  unsigned moduleGroup(llvm::StringRef Module);
  /// Whether some code of the file in scope releases memory (a `free`, a
  /// `delete`, a release its attributes name); computed once.
  bool fileReleasesMemory();
  std::optional<bool> ReleasesMemory;
  llvm::StringMap<unsigned> ModuleGroups;
  llvm::DenseMap<const FunctionDecl *, const Acquirer *> AttributeAcquirers;
  /// neverReturns() of the definitions asked about (false while one is
  /// being decided: a recursive call may return).
  llvm::DenseMap<const FunctionDecl *, bool> NeverReturns;
  const SummaryIndex *Imported = nullptr;
  bool RecordImports = false;
  /// The USRs of the imports read: by the findings (or outside any scope),
  /// by each summary of the TU's functions (its callees' included), and by
  /// the summary or analysis being computed now (innermost last).
  using Dependencies = std::set<std::string>;
  Dependencies FindingDeps;
  llvm::DenseMap<const FunctionDecl *, Dependencies> SummaryDeps;
  std::map<std::pair<const FunctionDecl *, CallContext>, Dependencies>
      SpecialisedDeps;
  std::vector<Dependencies> DepScopes;
  /// Adds \p D to what the innermost scope depends on.
  void dependOn(const Dependencies &D);
  void dependOn(const std::string &USR);
  /// Ends the innermost scope of a summary being computed: what it read,
  /// which its caller's scope now depends on too.
  Dependencies popScope();
  /// Per function without a usable body: its imported summary, if any,
  /// and its USR.
  struct ImportSlot {
    const FunctionSummary *Summary = nullptr;
    std::string USR;
  };
  llvm::DenseMap<const FunctionDecl *, ImportSlot> ImportedOf;
  /// The imported summary of \p FD, a function without a usable body.
  const FunctionSummary *importedSummary(const FunctionDecl *FD);
  /// Its slot, or null for a function that cannot have one.
  const ImportSlot *importSlot(const FunctionDecl *FD);
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_ENGINE_OWNERSHIPENGINE_H

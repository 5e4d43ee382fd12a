//===--- FunctionAnalysis.h - the engine on one function body --*- C++ -*-===//
//
// One FunctionAnalysis per function body: a worklist over (CFG block,
// abstract state) pairs, memoized on the pair (the first witness path wins),
// so loops and joins stay bounded. The state (ProgramState.h) is small and
// canonical (sorted containers) so that equal states meet in the memo table.
//
// Its parts, one file each:
//   Explorer.cpp       the worklist, its budget and widening, branches
//   Store.cpp          locations and the values they hold
//   Effects.cpp        escape, release, bind, lose: what happens to a value
//   TransferCalls.cpp  calls, constructions, and the checks' hooks on them
//   TransferStmts.cpp  every other statement: new, delete, assignments,
//                      declarations, returns, ends of lifetimes
//   Exceptions.cpp     throws and the exception paths of calls
//   Conditions.cpp     deciding and assuming branch conditions
//   Cells.cpp          what the cells of globals hold across calls
// and beside them, readable alone: LeakReporter (the findings and their
// notes), Comparisons (comparisons with known values), FunctionFacts (what
// the engine reads off a body before walking it), Liveness (the locals a
// path can still read), AstHelpers.
//
// In summary mode (OwnershipEngine::summary) the same walk records what the
// function does with its parameters and what it returns, and reports
// nothing.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_FUNCTIONANALYSIS_H
#define LEAKLINT_ENGINE_FUNCTIONANALYSIS_H

#include "Comparisons.h"
#include "FunctionFacts.h"
#include "LeakReporter.h"
#include "Liveness.h"
#include "OwnershipEngine.h"
#include "PathHistory.h"
#include "ProgramState.h"
#include "clang/AST/ParentMap.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang::tidy::leaklint::ownership::detail {

/// What an exit returns, as far as KeptUnless needs it.
struct ExitResult {
  enum Kind : unsigned char {
    Other,
    Const,       ///< the constant C
    NonZero,     ///< a non-null pointer, or a number known not to be 0
    Negative,    ///< a number known to be negative
    Positive,    ///< a number known to be positive
    NonNegative, ///< a number known to be 0 or more
  } K = Other;
  int64_t C = 0;
  bool operator<(const ExitResult &O) const {
    return std::tie(K, C) < std::tie(O.K, O.C);
  }
};

/// A value given to a parameter that the callee keeps only when it
/// succeeds (FunctionSummary::KeptUnless).
struct KeptIfSucceeds {
  unsigned Value;
  FailureValue Failure; ///< what the callee returns when it kept nothing
  bool OnlyOutOfMemory; ///< it keeps nothing only when it runs out of memory
};

/// Whether every store of \p FD into `*param` (\p Param) that is not null
/// is under a test that `*param` is null (`if (!*list) *list = item;`).
bool storesOnlyIntoNull(const FunctionDecl *FD, unsigned Param);

/// A loop that disposes of every element of the local container C: it
/// releases them, hands them to a place that outlives the function, or puts
/// them into the local container Into.
struct Drain {
  enum Kind { Release, HandOff, MoveInto };
  const VarDecl *C = nullptr;
  Kind K = Release;
  const VarDecl *Into = nullptr;
};

class FunctionAnalysis {
public:
  /// \p Known: a summary for a call with these arguments.
  FunctionAnalysis(OwnershipEngine &E, const FunctionDecl *FD, bool Summary,
                   const CallContext *Known = nullptr)
      : Eng(E), Ctx(E.context()), SM(Ctx.getSourceManager()),
        Model(E.model()), FD(FD), SummaryMode(Summary), Known(Known),
        Correlation(FD->getBody(), Ctx) {}

  /// Summary mode, for a method: each field of the object it names
  /// (`this->f`) is a cell of its own, whose value on entry is what the
  /// object held (OwnershipEngine::memberEffects).
  void followMembers() { MemberCells = true; }
  /// Summary mode, for a C function: each field of a struct a parameter
  /// points to (`p->f`) is a cell of its own, whose value on entry is what
  /// the caller's object held; a call that may reach the object hands the
  /// fields off (OwnershipEngine::paramFieldEffects).
  void followParamFields() { ParamCells = true; }
  /// Walks the body; false if there is none, or the budget ran out.
  bool run();
  /// The block visits the last run took.
  unsigned steps() const { return Steps; }
  std::vector<Finding> findings();
  FunctionSummary takeSummary();

private:
  /// A path to explore: a block, and the state and history on entering it.
  struct WorkItem {
    const CFGBlock *B;
    State S;
    HistPtr H;
    /// Arrives at a loop head from the end of the loop's body: another
    /// turn of the same path, where widening applies. The loop statement.
    const Stmt *ViaBackEdge = nullptr;
  };

  // ---- exploration (Explorer.cpp)
  bool prepare();
  /// Runs the elements of \p It's block; false if the path ends in it.
  bool walkBlock(WorkItem &It, std::vector<WorkItem> &Work);
  /// Widening on a turn of \p Loop (null: not on a back edge): forgets
  /// what is known of the counting variables the loop may write (\p All:
  /// of every variable), but that a counter the loop only counts up is at
  /// least what it is now (GrowingCounter).
  void forgetCounters(State &S, const Stmt *Loop, bool All = false) const;
  /// Forgets what is known of the locals a path entering \p B no longer
  /// reads, so that paths differing only in them meet (Liveness.h).
  void forgetDead(const CFGBlock *B, State &S);
  /// Forgets having entered the loops \p B is not in (State::EnteredLoops).
  void leaveLoops(const CFGBlock *B, State &S) const;
  /// Summary mode: forgets the entries for what parameters point to that
  /// still hold what the caller gave, as they were before the path read them.
  void forgetUnchangedPointees(State &S);
  /// Erases the store's entries \p Drop picks, and the values they held
  /// that nothing refers to any more.
  void dropBindings(State &S,
                    llvm::function_ref<bool(const Loc &, unsigned)> Drop);
  /// Values held only by parameters die when the function returns, at
  /// \p Ret (the return the path took; null: the end of the body).
  void endParameters(State &S, HistPtr &H, const ReturnStmt *Ret);
  /// How a value whose owner's scope \p Trigger ends is lost: a return
  /// (the last statement of the body or an early one), a jump, or the end
  /// of its scope.
  LeakCause scopeEndCause(const Stmt *Trigger) const;
  /// Whether \p SW switches on a call of a function whose every result
  /// its \p Cases name.
  bool resultsCovered(const SwitchStmt *SW, llvm::ArrayRef<int64_t> Cases);
  /// Whether every enumerator of the enum \p SW switches on is one of its
  /// \p Cases or ruled out for \p A: its default is then dead.
  bool enumCovered(const SwitchStmt *SW, const Atom &A,
                   llvm::ArrayRef<int64_t> Cases, const State &S) const;
  void followSwitch(const CFGBlock *B, const SwitchStmt *SW, State &S,
                    const HistPtr &H, std::vector<WorkItem> &Work);
  /// Pushes the branches of \p B the path can take; \p S is moved into
  /// the last of them.
  void followBranch(const CFGBlock *B, const Expr *Cond, const Stmt *Term,
                    State &S, const HistPtr &H, std::vector<WorkItem> &Work);

  // ---- values and locations (Store.cpp)
  unsigned siteIndex(const Stmt *S) {
    auto [It, New] = SiteIds.try_emplace(S, Sites.size());
    if (New)
      Sites.push_back(S);
    return It->second;
  }
  /// The acquisition that made value \p Id; null for what a parameter
  /// holds (summary mode).
  const Stmt *siteOf(unsigned Id) const {
    return Id / 4 < Sites.size() ? Sites[Id / 4] : nullptr;
  }
  std::optional<unsigned> createValue(State &S, const Acquirer *A,
                                      const Stmt *Site, Nullness N);
  /// A local variable or a part of it: the engine follows what it holds.
  bool isLocal(const Loc &L) const;
  /// A local or a part of a heap block the function owns.
  bool isTracked(const Loc &L) const;
  /// The block \p Ptr points to, when it is memory this function owns.
  std::optional<Loc> heapBlockOf(const Expr *Ptr, State &S);
  std::optional<Loc> locOf(const Expr *E, State &S);
  std::optional<unsigned> valueOf(const Expr *E, State &S);
  /// `add_tail(list, &p->node)` (summary mode): the block of the caller's
  /// that pointer parameter `p` points to goes with the address of its
  /// part (an intrusive list keeps the node, and gets the block back from
  /// it), as an owned block's does (argValues).
  void paramBlockOf(const Expr *Part, State &S,
                    llvm::SmallVectorImpl<unsigned> &Out);
  /// The location \p Ptr points to, when it is `&x` of one the engine follows.
  std::optional<Loc> pointeeLoc(const Expr *Ptr, State &S);
  /// Where \p Call delivered what it acquires through an out-parameter
  /// (`t` of `pthread_create(&t, ..)`, `s` of `asprintf(&s, ..)`, what a
  /// function's summary delivers), if the result reports failure.
  std::optional<Loc> outLocation(const CallExpr *Call, State &S);
  /// Whether \p L is the object a reference parameter names (`r` of
  /// `T &r`, read whole).
  static bool isWholeReferenceParam(const Loc &L);
  /// Summary mode: what a parameter (or `this`) holds or points to, at
  /// \p L: the caller's. A number read through it (\p Scalar: `*fd`,
  /// `c->count`) is a value of its own (isPointeeValue): given to code that
  /// may keep it, it is the caller's descriptor behind `&fd` that escapes,
  /// not a block given by its address.
  std::optional<unsigned> paramValue(State &S, const Loc &L,
                                     bool Scalar = false);
  /// Value ids (site * 4 + generation) of what the caller gave: the sites
  /// past the statements' are the parameters' (and `this`'s), then the
  /// cells' of globals (Cells.cpp).
  static constexpr unsigned ParamSiteBase = 1u << 20;
  static constexpr unsigned CellSiteBase = 1u << 21;
  /// The value paramValue makes for parameter (or `this`) \p Idx: what it
  /// holds or points to, or (\p Scalar) a number read through it.
  static unsigned paramValueId(unsigned Idx, bool Scalar) {
    return (ParamSiteBase + Idx) * 4 + (Scalar ? 2 : 0);
  }
  /// The value cell \p Cell held on entry.
  static unsigned cellValueId(unsigned Cell) {
    return (CellSiteBase + Cell) * 4;
  }
  static bool isPointeeValue(unsigned Id) {
    return Id / 4 >= ParamSiteBase && Id / 4 < CellSiteBase && Id % 4 == 2;
  }
  static bool isParamEntryValue(unsigned Id, unsigned Idx) {
    return Id == paramValueId(Idx, false) || Id == paramValueId(Idx, true);
  }
  /// `f(*p)` given to reference parameter \p PI of \p Callee, which may
  /// keep or release its address: the block `p` points to. So its summary
  /// \p Sum says, or, without one, \p KeptWithoutSummary.
  std::optional<unsigned> blockGivenByReference(const Expr *Arg,
                                                const FunctionDecl *Callee,
                                                unsigned PI,
                                                const FunctionSummary *Sum,
                                                bool KeptWithoutSummary,
                                                State &S);
  /// A callee lets numbers read through its parameter escape
  /// (FunctionSummary::PointeeEscapes), given \p Arg, which holds \p Vs:
  /// what the blocks it points to hold escapes. False when \p Arg is not
  /// (only) a pointer to blocks the engine follows: the caller then hands
  /// off the values themselves.
  bool escapePointees(const Expr *Arg, bool AddressTaken,
                      llvm::ArrayRef<unsigned> Vs, State &S);
  /// Summary mode: `*p`, `p[i]`, `p->f` of a local that holds what a
  /// parameter holds: the parameter's value.
  std::optional<unsigned> readThroughParamCopy(const Expr *E, State &S);
  /// The values held anywhere in the variable or heap block of \p Root.
  void valuesUnder(const State &S, const Loc &Root,
                   llvm::SmallVectorImpl<unsigned> &Out) const;
  /// The values an argument hands to a callee: the value itself, or all
  /// values of a local aggregate or variable whose address is taken.
  bool argValues(const Expr *Arg, State &S,
                 llvm::SmallVectorImpl<unsigned> &Out);
  bool referenced(const State &S, unsigned Id) const;
  /// Every value E may evaluate to (both arms of a conditional).
  void allValuesOf(const Expr *E, State &S,
                   llvm::SmallVectorImpl<unsigned> &Out);

  // ---- effects (Effects.cpp)
  void escape(State &S, unsigned Id);
  /// What the block \p Id holds escapes, not the block (a block handed to
  /// code that keeps what it holds, or delivered to the caller). With
  /// \p ItselfToo, a block that holds its own address (the node of a
  /// circular list, `n->next = n`) goes with what it holds: it is among it.
  void escapeContents(State &S, unsigned Id, bool ItselfToo = false);
  /// Everything the place \p L holds (its fields, elements) escapes.
  void escapeAllUnder(State &S, const Loc &L);
  /// Whether the release \p At is given a variable by name (`free(p)`),
  /// not a field or element (`free(c->line)`): summary mode records the
  /// former's release function as the parameter's.
  static bool releasesByName(const Expr *At);
  /// \p Group: the release used (NoGroup: not known, no mismatch to tell),
  /// \p How its name, \p In the callee that released it, if not here.
  void release(State &S, unsigned Id, unsigned Group, const Expr *At,
               llvm::StringRef How, const FunctionDecl *In = nullptr);
  static constexpr unsigned NoGroup = ~0u;
  void bind(State &S, const Loc &L, std::optional<unsigned> V,
            const Stmt *At, HistPtr &H);
  void lose(State &S, const Stmt *At, LeakCause Cause, const ValueDecl *Owner,
            HistPtr &H);
  void collectGarbage(State &S);
  /// The last owner of \p Id is lost: a leak if it still owns it.
  /// \p OwnerText names an owner that is not a variable (`'s->buf'`),
  /// \p HolderText the block freed while holding it (OwnerReleased).
  void reportLost(State &S, unsigned Id, const Stmt *At, SourceLocation L,
                  LeakCause Cause, const ValueDecl *Owner, HistPtr &H,
                  llvm::StringRef OwnerText = {},
                  llvm::StringRef HolderText = {});
  /// The heap block of \p Id is gone (escaped, released by code that
  /// releases what it holds, or lost): so is what it holds, silently. What
  /// a local still points to stays owned only when \p EvenIfReferenced is
  /// false (a lost block: the local may still release it).
  void dropBlock(State &S, unsigned Id, bool EvenIfReferenced);
  /// The heap block of \p Id is freed at \p At by a release that does not
  /// look inside it (free(), delete of a type without a destructor):
  /// what it alone still held is leaked there.
  void freeBlock(State &S, unsigned Id, const Expr *Ptr, const Stmt *At,
                 HistPtr &H);
  /// What the block of \p From held, the block of \p To holds (realloc).
  void moveBlock(State &S, unsigned From, unsigned To);
  /// What is held at and below \p From is (also) held at and below \p To
  /// (a struct or container copied whole); \p Move empties \p From.
  void copyValues(const Loc &From, const Loc &To, State &S, bool Move);
  /// The location a struct or container value is copied from.
  std::optional<Loc> recordSource(const Expr *E, State &S);
  /// `s->a.b` for the path {a, b} below the block \p Ptr points to.
  std::string pathText(const Expr *Ptr, llvm::ArrayRef<uintptr_t> Path) const;
  /// \p Callee, \p Param: whose summary said so, for the release it uses.
  void applyEffect(State &S, llvm::ArrayRef<unsigned> Vs, ParamEffect E,
                   const Expr *At, const FunctionDecl *Callee = nullptr,
                   int Group = -1);
  void invalidateGlobalsOf(State &S, const FunctionSummary &Sum);
  void writeVar(State &S, const ValueDecl *VD, std::optional<int64_t> V);

  // ---- calls and constructions (TransferCalls.cpp)
  /// What the engine knows of a call's callee.
  struct CallModel {
    const FunctionDecl *Callee = nullptr;
    const CXXMethodDecl *Method = nullptr;
    unsigned FirstArg = 0; ///< 1 for the object of a member operator call
    std::optional<Releaser> Rel;
    const Acquirer *Acq = nullptr;
    bool IsRealloc = false;
    bool Reader = false; ///< a library function that only reads
    const FunctionSummary *Sum = nullptr; ///< when the TU has its body
    /// A virtual call that may run an override of the body Sum describes.
    bool MayOverride = false;
    /// The arguments `&local` whose local held a known integer before the
    /// call: (argument index, value).
    llvm::SmallVector<std::pair<unsigned, int64_t>, 2> IntsBefore;
  };
  void handleCall(const CallExpr *CE, State &S, HistPtr &H);
  /// The object of a member call.
  void applyToObject(const CXXMemberCallExpr *MC, const CallModel &C,
                     State &S);
  /// \p Conditional: the values given to parameters the callee keeps only
  /// when it succeeds, for keepIfSucceeds once the result is known.
  void applyToArguments(const CallExpr *CE, const CallModel &C, State &S,
                        HistPtr &H,
                        llvm::SmallVectorImpl<KeptIfSucceeds> &Conditional);
  void applyResult(const CallExpr *CE, const CallModel &C, State &S,
                   HistPtr &H);

  // ---- what a callee leaves in a local's fields (FieldDeliveries.cpp)
  /// A fresh resource the callee may leave in field Into of a local struct
  /// it is given by address, the parameter it is given as, the acquirer,
  /// what the result is when it leaves none, and whether it regrows.
  struct FieldDelivery {
    Loc Into;
    unsigned Param;
    unsigned Acquirer;
    FailureValue Failure;
    bool Regrows;
  };
  /// The fields of locals \p CE gives by address in which its callee, whose
  /// followed fields are \p Effects (localFieldEffects), leaves a fresh
  /// resource the path follows.
  llvm::SmallVector<FieldDelivery, 2>
  fieldDeliveries(const CallExpr *CE, const CallModel &C,
                  const std::vector<FunctionSummary::CellEffect> *Effects);
  /// The followed fields of the callee of \p CE, when the call gives a
  /// local struct by address to a function of the TU; null otherwise.
  const std::vector<FunctionSummary::CellEffect> *
  localFieldEffects(const CallExpr *CE, const CallModel &C);
  /// The field of the local that \p E's parameter is given, if any.
  std::optional<Loc> localFieldOf(const CallExpr *CE, const CallModel &C,
                                  const FunctionSummary::CellEffect &E) const;
  /// A field of a local given by address that the callee writes on some
  /// path no longer holds what the path knew it held (`take(&l, &item)`
  /// nulls `item.name` it took): unless it owned it, the path forgets it.
  void forgetRewrittenFields(
      const CallExpr *CE, const CallModel &C,
      llvm::ArrayRef<FunctionSummary::CellEffect> Effects,
      llvm::ArrayRef<FieldDelivery> Ds, State &S);
  /// Whether \p V is what a field the callee regrows holds: the caller's
  /// still, whatever the callee's summary says of the argument.
  bool keepsField(llvm::ArrayRef<FieldDelivery> Ds, unsigned V,
                  const State &S) const;
  void deliverFields(const CallExpr *CE, const CallModel &C,
                     llvm::ArrayRef<FieldDelivery> Ds, State &S, HistPtr &H);
  /// Whether \p E holds a resource this function acquired and still owns
  /// (a stream it opened, a descriptor it tracks).
  bool ownedHere(const Expr *E, State &S);
  /// What the bytes \p Src points to hold, copied elsewhere (memcpy).
  void escapeCopiedContents(const Expr *Src, State &S);
  /// Summary mode: the bytes parameter value \p V points to may be copied.
  void noteBytesCopied(const State &S, unsigned V);
  /// `memcpy(&copy, &data, sizeof data)` of two local pointer variables:
  /// \p Src's pointer is now in the other too. False if \p CE is not that.
  bool copyPointerVariable(const CallExpr *CE, const Expr *Src, State &S,
                           HistPtr &H);
  /// Whether \p CE passes, among its arguments, a function that releases
  /// what it is given (`free`, `g_free`, a function of the TU whose summary
  /// releases its first parameter): the destroy notification of a callee
  /// that takes the other arguments over (`gdk_pixbuf_new_from_data(buf, ...,
  /// free_buffer, NULL)`, `g_bytes_new_with_free_func`).
  bool passesDestroyNotify(const CallExpr *CE);
  /// `p = u.release()` of a std::unique_ptr with the default deleter.
  bool handleUniquePtrRelease(const CallExpr *CE, State &S, HistPtr &H);
  /// The arguments \p CE gives to parameters declared `nonnull`.
  void noteNonNullArguments(const CallExpr *CE, const FunctionDecl *Callee,
                            State &S);
  /// Whether a local of the function was given the pointer \p Realloc
  /// grows (the same lvalue, `old = *token;`) before the call and is put
  /// back into it (`*token = old;`) or released (`free(old)`) after. Asked on
  /// every path that reaches the call: the answer is kept per call
  /// (SavedReallocs).
  bool savedBefore(const CallExpr *Realloc);
  /// Whether the value of \p E is dropped (`f();`, `(void)f();`).
  bool isDiscarded(const Expr *E) const;
  /// Whether \p E is only the object a method is called on (`e->m()`).
  bool isObjectOfMemberCall(const Expr *E) const;
  void handleConstruct(const CXXConstructExpr *CE, State &S);
  /// A new obligation of \p A acquired at \p Site, delivered into \p Into
  /// or, without it, as the value of the expression.
  std::optional<unsigned> acquire(const Expr *Site, const Acquirer *A,
                                  std::optional<Loc> Into, State &S,
                                  HistPtr &H);
  /// An acquirer that delivers through an out-parameter (a pointer to the
  /// owner, or with \p ByReference the owner itself): the new value, if
  /// the engine follows where it goes.
  std::optional<unsigned> acquireThrough(const CallExpr *CE,
                                         const Acquirer *Acq, State &S,
                                         HistPtr &H, bool ByReference = false);
  /// ObligationHooks on \p E (a call or a construction), and the moves and
  /// move-assignments of the objects that hold their obligations. Returns
  /// true if that decided what \p E does.
  bool applyHooks(const Expr *E, State &S, HistPtr &H);
  bool isHookValue(const State &S, std::optional<unsigned> V) const;
  const FunctionDecl *resolveCallee(const CallExpr *CE);
  /// Forgets the constraints on fields of the objects a call is given.
  void forgetFieldsPassed(const CallExpr *CE, State &S);
  /// The integer and null arguments of a call, for a summary specialised
  /// to them.
  CallContext knownArguments(const CallExpr *CE, const CallModel &C, State &S);
  /// The method a virtual call reaches, when the path knows the dynamic
  /// type of the object (`Base *b = new Sink; b->use(p);`).
  const CXXMethodDecl *devirtualize(const CXXMemberCallExpr *MC, State &S);
  /// The class of the object \p Obj when the path knows it exactly.
  const CXXRecordDecl *dynamicClassOf(const Expr *Obj, State &S);
  /// Whether the virtual call \p MC may run an override of its callee.
  bool mayReachOverride(const CXXMemberCallExpr *MC, State &S);
  /// `std::move(p)`, `std::make_pair(k, p)`: the call's value is its
  /// argument's.
  bool passesThrough(const CallExpr *CE, State &S);
  /// `std::pair(k, p)`: the pair's value is p's.
  bool holdsPassedValue(const CXXConstructExpr *CE, State &S);

  // ---- standard containers (Containers.cpp)
  /// The location of the container a container method is called on.
  std::optional<Loc> containerOf(const CallExpr *CE, State &S);
  /// The element `v[2]`, `m.at(k)`, `v.back()` designates, when the engine
  /// can tell which slot it is. \p Store: the element is written (`v[i] =
  /// p`); at an index the path does not know it is a slot of its own, not
  /// one that holds an element already (`v[i]` in a loop is another
  /// element on each turn).
  std::optional<Loc> elementLoc(const CallExpr *CE, State &S,
                                bool Store = false);
  /// A method of a standard container; false if the generic call rules
  /// still apply (to its arguments).
  bool handleContainerCall(const CallExpr *CE, State &S);
  unsigned nextSlot(const State &S, const Loc &C) const;
  /// Finds the loops that release every element of a local container
  /// (`for (auto *p : v) delete p;`), hand each to a place that outlives
  /// the function (`for (auto &e : m) items_.push_back(e.second);`) or put
  /// each into another local container: Drains.
  void findDrains(const Stmt *Body);
  /// A loop that releases every element of \p C begins.
  void releaseElements(const VarDecl *C, State &S);
  /// A loop that disposes of every element of a local container begins.
  void drain(const Drain &D, State &S);
  /// `auto w = v;` of a local container: \p To holds what v holds.
  bool copyContainer(const VarDecl *To, const Expr *Init, State &S);

  // ---- cells of globals and of the object (Cells.cpp)
  /// A scalar part of a global whose every use names it (GlobalCells.h),
  /// or, following members, a field of the object (`this->f`).
  bool isCell(const Loc &L) const;
  /// Following members: a field of the object (`this->f`).
  bool isMemberCell(const Loc &L) const;
  /// Following parameters' fields: the parameter whose field \p L is.
  const ParmVarDecl *paramCellOwner(const Loc &L) const;
  /// Following parameters' fields: the cells of parameter \p Param's
  /// object are handed off on this path.
  void noteParamCellsGone(State &S, unsigned Param);
  /// Following members: whether a field of the object holds \p V.
  bool heldByMember(const State &S, unsigned V) const;
  /// \p V, the value of a pointer the path tests, is what a cell held on
  /// entry: it was null (\p Null) or not.
  void noteCellNull(std::optional<unsigned> V, State &S, bool Null);
  /// Following members: \p At overwrote \p Old, the value a field held on
  /// entry, and nothing else holds it (CellRecord::OverwrittenAt).
  void noteMemberOverwrite(const State &S, const Value &Old, const Stmt *At);
  /// Summary mode: the value the cell \p L held on entry (the caller's),
  /// made when the path first reads or writes the cell; none once the path
  /// has changed it.
  std::optional<unsigned> cellValue(State &S, const Loc &L);
  /// The cell whose entry value \p V is, if it is one.
  std::optional<unsigned> cellOf(const Value &V) const;
  /// Summary mode: the entry value of cell \p Cell was released or handed
  /// off (\p E) on this path.
  void noteCellGone(State &S, unsigned Cell, ParamEffect E);
  /// Summary mode, at a normal exit: what a cell holds and the caller gets
  /// too (\p Returned, or through a parameter) is handed off.
  void shareCellValues(State &S, std::optional<unsigned> Returned);
  /// Summary mode, at a normal exit: what became of each cell's entry value
  /// and what the cell holds.
  void recordCells(const State &S);
  /// Following parameters' fields, at a normal exit returning \p RV (null:
  /// none) whose value is \p V: whether each field holds a fresh resource,
  /// and what the result says.
  void recordCellResults(const Expr *RV, std::optional<unsigned> V,
                         State &S);
  /// FunctionSummary::Cells from every exit's record.
  void summariseCells();
  /// The cells a call may change, by its callee's summary; those code the
  /// engine cannot see may reach are forgotten.
  void applyCellEffects(const CallExpr *CE, const CallModel &C, State &S,
                        HistPtr &H);
  /// Following members: a call of another method of the class on `this`
  /// does to the fields what its memberEffects say.
  void applyMemberEffects(const CallExpr *CE, const CallModel &C, State &S,
                          HistPtr &H);
  /// One effect of callee \p F on the cell at \p L; false when the fresh
  /// value it leaves cannot be made (the cells are forgotten).
  bool applyCellEffect(const FunctionSummary::CellEffect &E, const Loc &L,
                       const CallExpr *CE, const FunctionDecl *F, State &S,
                       HistPtr &H);
  /// What the cells hold (those code outside the TU reaches, with
  /// \p ReachableOnly; not those of \p Except) is handed off, and the
  /// engine stops following them.
  void forgetCells(State &S, bool ReachableOnly,
                   llvm::ArrayRef<FunctionSummary::CellEffect> Except = {});

  // ---- other statements (TransferStmts.cpp)
  bool handleElement(const CFGElement &El, State &S, HistPtr &H);
  void handleInitializer(const CXXCtorInitializer *Init, State &S,
                         HistPtr &H);
  void handleStmt(const Stmt *St, State &S, HistPtr &H, bool &Stop);
  void handleNew(const CXXNewExpr *NE, State &S, HistPtr &H);
  /// Whether the object \p CE constructs registers itself somewhere: its
  /// constructor (or, without a body, a parent pointer it is given) keeps
  /// `this`.
  bool constructorKeepsThis(const CXXConstructExpr *CE);
  /// Whether the destructor `delete` runs may release what the block holds.
  static bool destructorMayRelease(const CXXDeleteExpr *DE);
  /// \p Ptr was dereferenced: on this path it is not null.
  void noteDereferenced(const Expr *Ptr, State &S);
  /// \p Ptr, dereferenced, holds a value of the path: a block it owns is
  /// then not null. False: it holds none.
  bool noteBlockCame(const Expr *Ptr, State &S);
  /// Whether the pointer \p E is known not to be null on this path.
  bool knownNonNull(const Expr *E, State &S);
  /// Whether the pointer \p E is known to be null on this path.
  bool knownNull(const Expr *E, State &S);
  /// After an unknown number from \p From is written to \p VD: what its
  /// type says (an unsigned count is not negative).
  void noteNotNegative(const ValueDecl *VD, const Expr *From, State &S);
  /// The bit of State::NullParams for \p VD: 0 unless it is one of the
  /// first 32 parameters of the function.
  uint32_t paramBit(const ValueDecl *VD) const;
  /// Summary mode: the path found that parameter \p A is null (or not).
  void noteParamNull(const Atom &A, bool Null, State &S);
  /// The path found null what \p A acquired: where it is memory, the branch
  /// assumed the program ran out of it (AssumedOutOfMemory; in summary
  /// mode, State::AllocFailed).
  void noteAllocationFailed(State &S, const Acquirer &A);
  /// Summary mode: bit i set when the path knows pointer parameter i is
  /// null (i < 32).
  uint32_t paramsKnownNull(const State &S) const;
  /// Summary mode: what an exit returning \p C says of ResultUnlessNull.
  void recordResultUnlessNull(std::optional<int64_t> C, const State &S);

  /// `p = f()` of a function that never returns null: so is p.
  void noteNonNullResult(const ValueDecl *VD, const Expr *Init, State &S);
  void handleDecl(const VarDecl *VD, State &S);
  void bindInitList(const InitListExpr *List, const Loc &At, State &S);
  void handleAssign(const Expr *LHS, const Expr *RHS, const Stmt *At,
                    State &S, HistPtr &H);
  /// `a = b;` of structs: what b holds, a holds.
  void assignRecord(const Expr *LHS, const Expr *RHS, State &S);
  /// `p = realloc(p, n)` on a tracked block: lost if realloc fails.
  /// `realloc(p, 0)`: frees `p`, allocates nothing worth keeping.
  bool freesOnly(const CallExpr *Call, State &S);
  /// A realloc that leaves its old block to the caller when it fails
  /// (ResourceModel::keepsBlockOnFailure), not `realloc(p, 0)`.
  bool keepsBlockOnFailure(const CallExpr *Call, State &S);
  void noteReallocLoss(const Expr *LHS, const Loc &L, const CallExpr *Call,
                       const Stmt *At, State &S);
  /// Whether the program ends where the realloc assigned to \p L at \p At
  /// fails: `p = realloc(p, n); if (!p) die("out of memory");`, or the
  /// test around the assignment itself. Nothing is lost then.
  bool reallocFailureEndsProgram(const Stmt *At, const Loc &L, State &S);
  /// \p E as written, quoted ('s->buf'), or "the pointer" if too long.
  std::string quotedText(const Expr *E) const;
  /// `self->buf = realloc(self->buf, n)` on a block the engine does not
  /// track (the caller's, a global's): lost all the same if realloc fails.
  void reallocInPlace(const Expr *LHS, const Expr *RHS, const Loc &L,
                      const Stmt *At, State &S);
  void handleReturn(const ReturnStmt *RS, State &S);
  /// Summary mode: what the return of \p RV (value \p V) tells the caller.
  /// True if \p RV returns a parameter, which is not an escape of it.
  bool recordReturn(const Expr *RV, std::optional<unsigned> V, State &S);

  // ---- deliveries through an out-parameter, for summaries (Deliveries.cpp)
  /// In summary mode, `*out` for a parameter `out` that points to a
  /// pointer or an integer: where the function may deliver a resource.
  std::optional<Loc> deliveryLoc(const Expr *Ptr) const;
  bool isDeliveryLoc(const Loc &L) const;
  /// A normal exit of the function, returning \p RV (null: none) whose
  /// value is \p V: what `*out` holds and what the result says of it.
  void recordDelivery(const Expr *RV, std::optional<unsigned> V, State &S);
  /// Summary mode: the delivery location \p L (`*out`) is assigned null
  /// (\p Null) or something else.
  void noteNulledOut(const Loc &L, bool Null, State &S);
  /// FunctionSummary::Out from every exit's record.
  void summariseDeliveries();

  // ---- results a flag out-parameter vouches for (FlagResults.cpp)
  /// Summary mode: the parameters that may carry a flag (Flags).
  void prepareFlags();
  /// The record of the flag parameter \p Ptr names, if any ...
  struct FlagExits;
  const FlagExits *flagOf(const Expr *Ptr) const;
  /// ... and of the one \p Target dereferences.
  const FlagExits *flagWritten(const Expr *Target) const;
  /// `*flag = Value` (null: a value not known, `++*flag`) on this path.
  void noteFlagWrite(const Expr *Target, const Expr *Value, State &S);
  /// A call given a flag parameter may set it.
  void noteFlagsPassed(const CallExpr *CE, State &S);
  /// A normal exit returning the value \p V.
  void recordFlags(std::optional<unsigned> V, State &S);
  /// FunctionSummary::Flag from every exit's record.
  void summariseFlags();
  /// Ties the result \p V of a call whose summary has a Flag to the local
  /// the call is given for it.
  void linkFlagResult(const CallExpr *CE, const CallModel &C, unsigned V,
                      State &S);
  /// `failed = (sd == -1)`, `bool ok = p != NULL;`: a local given the
  /// answer to whether a tracked resource failed says so when tested, as
  /// a flag out-parameter does (FlagLinks).
  void linkTestFlag(const ValueDecl *Var, const Expr *Test, State &S);
  /// After a branch: the results whose local the path now knows.
  void settleFlags(State &S);
  /// Whether local \p Var holds \p K, as far as the path knows (its number,
  /// or a comparison the path made).
  std::optional<bool> localEquals(const State &S, const ValueDecl *Var,
                                  int64_t K) const;
  /// `out = fdopen(fd, "r"); .. if (fd >= 0) fclose(out);`: a call that
  /// adopts the descriptor \p Fd and returns \p V fails when the local it
  /// reads is negative, which the path may learn later (FlagLinks).
  void linkAdoptedDescriptor(const Expr *Fd, unsigned V, State &S);
  /// A FlagLinks value no local is taken to hold: a link whose local says
  /// only when the result is not the caller's.
  static constexpr int64_t NeverFlagValue = INT64_MIN;
  /// A FlagLinks "other" value: any negative number.
  static constexpr int64_t NegativeFlagValue = INT64_MIN + 1;
  /// \p Var was written: what it said of a result is gone.
  void forgetFlagLinks(State &S, const ValueDecl *Var);

  // ---- hand-offs that hold only when the callee succeeds (Handoffs.cpp)
  void prepareKeeps();
  /// Summary mode: parameter \p Param was released or handed off on this
  /// path.
  void noteParamGone(State &S, unsigned Param);
  ExitResult classifyResult(const Expr *RV, std::optional<unsigned> V,
                            State &S);
  /// Summary mode: an exit returning \p RV (value \p V), and the
  /// parameters the path kept.
  void recordKept(const Expr *RV, std::optional<unsigned> V, State &S);
  /// FunctionSummary::KeptUnless from every exit's record.
  void summariseKept();
  /// The caller's side: \p Vs were given to parameters that \p CE keeps
  /// only when it succeeds: tied to its status.
  void keepIfSucceeds(const CallExpr *CE, llvm::ArrayRef<KeptIfSucceeds> Vs,
                      State &S, HistPtr &H);
  /// The status of \p Call still waited on, tested after its full
  /// expression ended (`if (list_add(l, p) < 0)`).
  std::optional<unsigned> statusOf(const CallExpr *Call, const State &S) const;
  bool isStatusValue(const State &S, unsigned Id) const;
  /// Whether \p Id waits on a status to tell whether it was handed off.
  bool awaitsStatus(const State &S, unsigned Id) const;
  /// After a branch's assumption: the statuses it decided settle their
  /// values (\p Note says so when the call failed).
  void settleKept(State &S, std::string &Note);
  /// A block `realloc` returned that the path now finds null: the block it
  /// would have replaced is owned again where something still refers to
  /// it (`q = realloc(p, n); if (!q) return;` leaks `p`).
  void settleReallocs(State &S);
  /// Forgets the links of values already released or handed off.
  void dropDeadLinks(State &S);
  /// \p Id loses its last owner before its status was tested: handed off.
  void handOffUntested(State &S, unsigned Id);
  void handleLifetimeEnd(const VarDecl *VD, const Stmt *Trigger, State &S,
                         HistPtr &H);
  bool isFullExprEnd(const Stmt *St) const;
  /// What `x op= y` leaves in `x` where the path knows both (`err |=
  /// ERR_ABORT`, a small sum), outside loops; none otherwise.
  std::optional<int64_t> compoundResult(const BinaryOperator *BO, State &S);
  /// Where compoundResult knows no value: `x += c` (c > 0) of an \p x the
  /// path knows is at least 0 leaves it at least c (a capacity grown in a
  /// loop is no longer 0 on the next turn); the floor is c, not the sum,
  /// so that the turns of a loop meet.
  std::optional<int64_t> floorAfterAdd(const BinaryOperator *BO, State &S);
  /// What a variable set to \p Init (assigned or declared) says beyond its
  /// value: noteZeroFilled, linkTestFlag.
  void noteVariableSet(const ValueDecl *VD, const Expr *Init, State &S);
  /// `p = calloc(1, sizeof *p)`: the fields of the fresh block that the
  /// function tests are 0 until written.
  void noteZeroFilled(const ValueDecl *VD, const Expr *Init, State &S);
  /// The scalar field `p->f` that \p LHS writes, if it is one.
  static const MemberExpr *scalarArrowField(const Expr *LHS);
  /// The pointer field `p->f` that \p LHS writes, if it is one.
  static const MemberExpr *pointerArrowField(const Expr *LHS);
  /// `p->flags = NEW` (\p Field: scalarArrowField(); \p Stored: the value
  /// written, if known) on a block this function owns: the field holds it
  /// until written again, so that `if (p->flags & NEW) free(p);` frees the
  /// block the function made.
  void noteOwnFieldSet(const MemberExpr *Field, std::optional<int64_t> Stored,
                       State &S);
  /// Whether return statement \p Ret ends the body (`if (a) { ...; return
  /// 0; } else return -1;` as its last statement): the end of its locals'
  /// scope, as a last `return` is.
  bool endsBody(const Stmt *Ret) const;

  // ---- exceptions (Exceptions.cpp)
  void handleThrow(const Stmt *T, State &S, HistPtr &H);
  /// Whether some value is still owned by this function on this path.
  bool hasLiveOwnedValue(const State &S) const;
  bool hasLiveHookValue(const State &S) const;
  /// Whether an exception that reaches \p St's function boundary from \p St
  /// ends the program instead (the function is noexcept): then nothing
  /// leaks on that path.
  bool terminatesOnEscape(const Stmt *St) const;
  /// An exception at \p At ends the locals of the innermost try block
  /// around it, or of the whole function; returns the handler dispatch
  /// block of that try, or null.
  const CFGBlock *unwind(const Stmt *At, State &S, HistPtr &H);
  /// Whether the call or construction \p St may throw, as far as the
  /// engine follows exceptions (Exceptions.cpp says which).
  bool mayThrowHere(const Stmt *St, const State &S);
  /// Forks the exception path of \p St into Forks, from the state before
  /// it: a call that throws has returned nothing.
  void forkThrow(const Stmt *St, const State &S, const HistPtr &H);
  bool inTry(const Stmt *St) const;

  // ---- conditions (Conditions.cpp)
  std::optional<int64_t> evalInt(const Expr *E, State &S, unsigned Depth = 0);
  /// The value of \p E as a constant of the program (`NULL`, `4 * K`), the
  /// same on every path; remembered, as paths ask again and again.
  std::optional<int64_t> constantValue(const Expr *E);
  /// constComparison of \p BO, remembered likewise.
  ConstComparison comparisonOf(const BinaryOperator *BO);
  /// comparisonOf, or, where one side is a descriptor the path tracks and
  /// the other a number it knows (`fd < i` where `i` is 1), the comparison
  /// with that number.
  ConstComparison knownComparison(const BinaryOperator *BO, State &S);
  Tri evalCond(const Expr *E, State &S, unsigned Depth = 0);
  /// Two tests tied by `==` or `!=` (`((flags & CAPTURE) == 0) != (child ==
  /// NULL)`): one is true exactly when the other is (or is not). The
  /// explorer follows each branch of such a condition as two paths, one for
  /// each value of the left test (followBranch).
  static const BinaryOperator *tiedTests(const Expr *Cond);
  /// Assumes the tied tests \p Tie are \p Truth, with the left test
  /// \p Left; as assume().
  bool assumeTied(const BinaryOperator *Tie, bool Truth, bool Left, State &S,
                  std::string &Note, bool &Undecided);
  /// Assumes \p E is \p Truth on this path: false if it cannot be; else
  /// records what that teaches (a null check, a constraint) and the note.
  bool assume(const Expr *E, bool Truth, State &S, std::string &Note,
              bool &Undecided, unsigned Depth = 0);
  /// assume() of a comparison with a constant; empty if it says nothing
  /// about the comparison, and assume() goes on.
  std::optional<bool> assumeComparison(const ConstComparison &Cmp, bool Truth,
                                       State &S, std::string &Note);
  /// evalCond() of a comparison with a constant.
  Tri evalComparison(const ConstComparison &Cmp, State &S, unsigned Depth);
  /// A string tested against a constant text (Comparisons.h, TextTest):
  /// what the path knows of the string's text is kept in State::Cons with
  /// the operator EqualsText and the text's hash, on the string's atom (for
  /// a `char *`, what it points to, forgotten by any store through a
  /// pointer). The atom, if the string has one worth keeping facts on.
  std::optional<Atom> textAtom(const TextTest &T) const;
  /// evalCond() of a text test: decided when the path knows the string
  /// equals this text, or another one.
  Tri evalTextTest(const TextTest &T, const State &S) const;
  /// Records that the text test is \p Truth.
  void assumeTextTest(const TextTest &T, bool Truth, State &S) const;
  static constexpr BinaryOperatorKind EqualsText = BO_Xor;
  /// Assuming `a == b` of two pointers: a local that holds what the path
  /// does not know now holds the tracked block the other side holds.
  void assumeSamePointer(const BinaryOperator *BO, State &S);
  /// assume() of a condition that is a tracked value (`if (p)`, `if (rc)`).
  bool assumeValue(const Expr *E, unsigned V, bool Truth, State &S,
                   std::string &Note);
  /// Whether pointers (or descriptors) \p A and \p B are known to name the
  /// same object, or known not to.
  std::optional<bool> sameObject(const Expr *A, const Expr *B, State &S);
  std::optional<Atom> atomOf(const Expr *E) const;
  /// What `b->f`, `b.f` or `this->f` is a field of, as an Atom's Base (the
  /// function for `this`); null for anything else.
  const ValueDecl *fieldRoot(const MemberExpr *ME) const;
  /// The field of a variable's object (or of `this`) that \p E is part
  /// of, as an Atom without Sub: `&c->addr.sa` and `c->buf[i]` are parts
  /// of `c->addr` and `c->buf`. None for anything else.
  std::optional<Atom> enclosingField(const Expr *E) const;
  /// \p E without the address-of and the array subscripts that select a
  /// part of the object it names.
  static const Expr *partOf(const Expr *E);
  /// The variable (or, for `this`, the function) whose whole object \p E
  /// names (`obj`, `*p`, `p[i]`, `*this`); null if none.
  const ValueDecl *objectRoot(const Expr *E) const;
  /// Whether constraints on \p A are worth keeping: fields, parameters,
  /// globals, and locals tested or set more than once.
  bool keepsConstraints(const Atom &A) const;
  std::string atomName(const Atom &A, const Expr *E) const;
  /// Forgets what is known of \p A (it was written).
  void forgetAtom(State &S, const Atom &A);
  /// How many facts the state keeps about \p A (`x == k`, `x < k`, ...).
  static unsigned constraintsOn(const State &S, const Atom &A);
  static constexpr unsigned MaxFactsPerAtom = 16;
  /// Forgets what is known of the fields of what \p Base refers to, and
  /// the answers of queries about it; with \p KeepConst (a call given the
  /// object, which may write it) not of its members declared `const`.
  void forgetFieldsOf(State &S, const ValueDecl *Base, bool KeepConst = false);
  /// The field \p Part (or, when Part has a Sub, that field of it) is
  /// written: forgets what is known of it, of all its fields, and of every
  /// field of its base when it shares bytes with them (a union).
  void forgetField(State &S, const Atom &Part);
  /// \p LHS is written: forgets what is known of it when it is a field or
  /// what a pointer points to and, for a store through a pointer, what is
  /// known of what any pointer points to (Atom::Deref).
  void forgetWritten(const Expr *LHS, State &S);
  /// The parameter (not `this`, not a cell) whose caller's value \p V
  /// stands for (summary mode).
  std::optional<unsigned> callerParam(const State &S, unsigned V) const {
    auto It = S.Vals.find(V);
    if (It == S.Vals.end() || It->second.St != Status::Param ||
        It->second.Acq >= FD->getNumParams())
      return std::nullopt;
    return It->second.Acq;
  }
  /// Whether \p V stands for what a parameter holds (summary mode).
  bool isParamValue(const State &S, unsigned V) const {
    auto It = S.Vals.find(V);
    return It != S.Vals.end() && It->second.St == Status::Param;
  }
  bool isRelevantAtom(const ValueDecl *VD) const {
    return AtomCount.lookup(VD) >= 2;
  }
  /// Keeps `A op C` (\p Truth) among the path's facts on \p A; false when
  /// it is a `!=` past the few kept per atom (MaxFactsPerAtom).
  bool keepComparison(State &S, const Atom &A, BinaryOperatorKind Op, int64_t C,
                      bool Truth);
  /// Narrows the outcomes assumeComparison left possible (\p FailOk,
  /// \p SuccOk) by the earlier comparisons of the same variable, and keeps
  /// this one with them.
  void narrowOutcomes(const Expr *X, FailureValue Failure, bool Status,
                      BinaryOperatorKind Op, int64_t C, bool Truth, State &S,
                      bool &FailOk, bool &SuccOk);
  std::optional<bool> lookupCons(const State &S, const Atom &A,
                                 BinaryOperatorKind Op, int64_t C) const;
  /// What the known comparisons of an atom leave of its values: from Lo
  /// to Hi, but the values in Out; Empty when they contradict each other.
  struct Range {
    int64_t Lo = INT64_MIN, Hi = INT64_MAX;
    llvm::SmallVector<int64_t, 4> Out;
    bool Empty = false;
  };
  static Range rangeOf(const State &S, const Atom &A);
  /// `A op C` decided by the range the known comparisons of \p A leave.
  static std::optional<bool> decideByBounds(const State &S, const Atom &A,
                                            BinaryOperatorKind Op, int64_t C);

  OwnershipEngine &Eng;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ResourceModel &Model;
  const FunctionDecl *FD;
  bool SummaryMode;
  unsigned Steps = 0;
  bool MemberCells = false; ///< see followMembers
  bool ParamCells = false;  ///< see followParamFields
  const CallContext *Known;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> PM;
  llvm::DenseMap<const Stmt *, unsigned> SiteIds;
  std::vector<const Stmt *> Sites;
  llvm::DenseMap<const ValueDecl *, unsigned> AtomCount;
  /// The fields branch conditions name (conditionFields).
  llvm::DenseSet<const FieldDecl *> TestedFields;
  /// Queries asked twice: see repeatedQueries.
  llvm::DenseMap<const Expr *, const Expr *> Queries;
  llvm::DenseMap<const VarDecl *, const FunctionDecl *> FnPtrTargets;
  llvm::DenseSet<const ValueDecl *> Counters; ///< see countingVariables
  llvm::DenseMap<const Stmt *, LoopCounters> Loops; ///< see loopCounters
  /// What the function writes (see writtenVariables).
  llvm::DenseSet<const VarDecl *> Written;
  std::optional<LiveLocals> Live;
  /// The loop heads (by block ID) whose condition some path left undecided.
  llvm::BitVector OpenLoops;
  llvm::DenseSet<const ValueDecl *> InteriorPointers; ///< see interiorPointers
  llvm::DenseSet<const VarDecl *> CopiedPointers; ///< see copiedPointers
  llvm::DenseMap<const CallExpr *, bool> SavedReallocs; ///< see savedBefore
  /// Descriptor acquisitions kept by their number (see keptByNumber).
  llvm::DenseMap<const CallExpr *, bool> KeptByNumber;
  llvm::DenseMap<const Stmt *, CountedLoop> Counted; ///< see countedLoops
  /// The atoms that equalities between two atoms name, by number: a
  /// constraint `A == atom #k` is kept in State::Cons with the operator
  /// EqualsAtom and k, one on each side, so that forgetting either side
  /// forgets the equality.
  /// A counter moved away from the atom it equalled (`i--` after `i =
  /// labs`) is below it (BelowAtom) or above it (AboveAtom), kept the
  /// same way, with the opposite operator on the other side.
  std::vector<Atom> RelAtoms;
  static constexpr BinaryOperatorKind EqualsAtom = BO_Comma;
  static constexpr BinaryOperatorKind BelowAtom = BO_PtrMemD;
  static constexpr BinaryOperatorKind AboveAtom = BO_PtrMemI;
  static bool isRelation(int Op) {
    return Op == EqualsAtom || Op == BelowAtom || Op == AboveAtom;
  }
  static int mirrorOf(int Op) {
    return Op == BelowAtom ? AboveAtom : Op == AboveAtom ? BelowAtom : Op;
  }
  std::optional<unsigned> relAtomOf(const Atom &A) const;
  unsigned relAtomIndex(const Atom &A);
  void relateEqual(State &S, const Atom &A, const Atom &B);
  /// How \p A compares with \p B by the relations the path keeps: -1
  /// below, 0 equal, 1 above.
  std::optional<int> knownOrder(const State &S, const Atom &A,
                                const Atom &B) const;
  /// `i = n` of two numbers: from here on i equals n.
  void relateCopy(State &S, const ValueDecl *To, const Expr *From);
  /// `++i` or `--i` (\p Up): what i equalled it is now above or below; what
  /// it was below or above it may now equal. Called with the relations
  /// read before the write (relationsOf).
  llvm::SmallVector<std::pair<Atom, int>, 2> relationsOf(const State &S,
                                                          const Atom &A) const;
  void moveRelations(State &S, const Atom &A,
                     llvm::ArrayRef<std::pair<Atom, int>> Before, bool Up);
  llvm::DenseMap<const Stmt *, llvm::BitVector> LoopBodies; ///< see loopBodies
  llvm::DenseMap<const Expr *, std::optional<int64_t>> Constants;
  llvm::DenseMap<const BinaryOperator *, ConstComparison> Comparisons;
  llvm::DenseSet<const Stmt *> AssertionThrows; ///< see assertionThrows
  llvm::DenseMap<const Stmt *, const CFGBlock *> TryDispatch;
  /// Where loops that dispose of every element of a local container begin.
  llvm::DenseMap<const Stmt *, Drain> Drains;
  llvm::DenseSet<const Stmt *> InitRoots; ///< constructor initializers
  LeakReporter Report;
  ConditionCorrelation Correlation; ///< for the precision rule
  const Expr *NoteAt = nullptr; ///< where the last assumption's note goes
  /// The last assumption was whether an acquisition failed: a condition
  /// independent of every other (the precision rule).
  bool TestedAcquisition = false;
  /// The condition assume() is deciding made an allocation fail.
  bool AssumedOutOfMemory = false;
  /// The block whose branch assume() is deciding (followBranch).
  const CFGBlock *BranchBlock = nullptr;
  /// Whether \p E, assumed null, is what its block just stored a fresh
  /// block of memory into (`*out = malloc(n); if (!*out)`), though the
  /// path does not follow what that place holds: the caller's, say.
  bool allocatedJustBefore(const Expr *E) const;
  /// Where a resource delivered through an out-parameter was stored, by
  /// value id (`fd` of `make_sock(&fd)`): a test of what is there tests the
  /// resource, a test of the call's result its status.
  std::map<unsigned, Loc> DeliveredInto;
  bool readsDelivered(const Expr *X, unsigned V, State &S);
  /// Whether \p E, holding \p V that \p A acquired, is a status that is 0
  /// exactly when the acquisition succeeded: an error code, or the -1/0
  /// status of a function of the program delivering through `*out`.
  bool isZeroOnSuccess(const Expr *E, unsigned V, const Acquirer &A, State &S);
  std::vector<WorkItem> Forks; ///< exception paths forked by the current element
  // Summary accumulation.
  FunctionSummary Sum;
  bool SawReturn = false;
  std::set<int64_t> RetConsts; ///< the constants the returns return ...
  bool RetConstsVary = false;  ///< ... and whether one returns another value
  std::optional<unsigned> RetParam;
  bool RetParamVaries = false;
  /// Bit i: some exit returns parameter i (summary).
  uint32_t ReturnedParams = 0;
  bool ReturnsMaybeNull = false; ///< a return not known non-null (summary)
  /// A return of a parameter, or of a block also handed elsewhere
  /// (summary): the function is no factory.
  bool ReturnsOther = false;
  /// Summary mode: the pointer parameters known null on every exit seen so
  /// far that returns a fresh resource (FunctionSummary::FreshOnlyIfNull).
  uint32_t NullOnFreshExits = ~0u;
  /// ... and on every exit that may return null (NullOnlyIfNull).
  uint32_t NullOnNullExits = ~0u;
  /// Summary mode, per pointer parameter (FunctionSummary::
  /// ResultUnlessNull): the constant the exits on which it is not known
  /// null return; bit i of NonNullExitsVary: two of them differ, or one
  /// returns no constant; of NullExitsSeen: an exit on which it is null.
  std::vector<std::optional<int64_t>> NonNullExitResult;
  uint32_t NonNullExitsVary = 0, NullExitsSeen = 0;
  /// The exits of the function, for FunctionSummary::Out (summary).
  struct DeliveryRecord {
    std::optional<std::pair<unsigned, unsigned>> Into; ///< (param, acquirer)
    bool Conflict = false; ///< two parameters, or two kinds of resource
    bool SomeExitEmpty = false;  ///< an exit that delivers nothing
    bool SomeExitFilled = false;
    /// What the exits that deliver nothing return: constants, failures
    /// reported by an error code, anything else (or no result).
    std::set<int64_t> EmptyResults;
    bool EmptyErrorCode = false, EmptyOther = false;
    /// ... and what the exits that deliver return.
    std::set<int64_t> FilledResults;
    /// ... and what the exits that stored null into `*out` return.
    std::set<int64_t> NulledResults;
    std::optional<FailureValue> FilledStatus; ///< the delivered status
    bool FilledOther = false;
    /// An exit returns the very block it delivers (`return (*list = p);`):
    /// the result is another name for what the caller now holds.
    bool ReturnsDelivered = false;
  } Delivered;
  /// Summary mode, per parameter that may carry a flag: what the exits
  /// returning the fresh resource, and the others, leave in `*param` (the
  /// inner None: what the caller had there).
  struct FlagExits {
    unsigned Param = 0;
    std::optional<std::optional<int64_t>> Fresh, Other;
    bool Conflict = false; ///< exits of one kind disagree, or not known
  };
  std::vector<FlagExits> Flags;
  /// Summary mode, per parameter: what the exits that kept it and those
  /// that did not return (FunctionSummary::KeptUnless).
  bool TracksParamsGone = false;
  struct KeepRecord {
    std::set<ExitResult> Kept, Dropped;
    /// Whether some exit that kept nothing ran out of memory, and whether
    /// some other did not, nor found a parameter null (a guard that a
    /// caller giving a valid object never meets).
    bool DroppedOutOfMemory = false, DroppedOtherwise = false;
    /// The result that says "kept nothing", if the exits agree on one.
    std::optional<FailureValue> failure() const;
  };
  std::vector<KeepRecord> Keeps;
  /// Summary mode, per parameter: the release group of the paths that
  /// release it (-1: several, or not known); FunctionSummary::ReleasedWith.
  std::vector<std::optional<int>> ParamGroups;
  /// Summary mode: the cells the walk met, numbered in order, and what
  /// the exits say of each (FunctionSummary::Cells). The value a cell
  /// holds on entry is a Param value whose Acq is CellAcqBase + its number.
  static constexpr unsigned CellAcqBase = 1u << 16;
  std::vector<Loc> CellLocs;
  std::map<Loc, unsigned> CellIds;
  struct CellRecord {
    ParamEffect Effect = ParamEffect::Read; ///< released or handed off
    bool Kept = false;    ///< an exit where the entry value is still there
    bool Dropped = false; ///< an exit that lost it
    bool ExitUnchanged = false, ExitOther = false;
    std::set<unsigned> Fresh; ///< acquirers of what exits leave there
    /// Where a path overwrote the entry value while nothing else held it:
    /// the first such statement in the source.
    const Stmt *OverwrittenAt = nullptr;
    bool LosesOwning = false; ///< see FunctionSummary::CellEffect::KeepsOwning
    const Stmt *ReleasedAt = nullptr; ///< a release of the entry value
    const Stmt *FreshAt = nullptr;    ///< an acquisition an exit leaves there
    /// Parameters' fields: the constant results of the exits that leave a
    /// fresh resource there (Filled) and of the others, and whether some
    /// exit of either kind returns something else.
    std::set<int64_t> FilledResults, EmptyResults;
    bool FilledOther = false, EmptyOther = false;
  };
  std::vector<CellRecord> CellRecords;
  /// The exits seen before a cell was: how many cells there were then, and
  /// (for a return) what it returned (none: not a constant). A cell seen
  /// later held its entry value at those exits (summariseCells).
  std::vector<unsigned> CellsAtExit;
  std::vector<std::pair<unsigned, std::optional<int64_t>>> CellResultsAtExit;
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_FUNCTIONANALYSIS_H

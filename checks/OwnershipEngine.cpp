//===--- OwnershipEngine.cpp - path-sensitive obligation tracking ---------===//
//
// One FunctionAnalysis per function body: a worklist over (CFG block,
// abstract state) pairs, memoized on the pair (the first witness path wins),
// so loops and joins stay bounded. The state is small and canonical (sorted
// containers) so that equal states meet in the memo table.
//
//===----------------------------------------------------------------------===//

#include "OwnershipEngine.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/raw_ostream.h"
#include <map>
#include <set>
#include <tuple>

namespace clang::tidy::leaklint::ownership {

namespace {

enum class Status : unsigned char { Owned, Released, Escaped, Param };
enum class Nullness : unsigned char { Unknown, Null, NonNull };
enum class Tri : unsigned char { False, True, Unknown };

// Path elements of a location: a FieldDecl pointer, a union (RecordDecl
// pointer: all members share one slot), an array index, or a dereference.
constexpr uintptr_t DerefMark = 1;
uintptr_t indexMark(int64_t I) { return (static_cast<uintptr_t>(I) << 3) | 3; }

struct Loc {
  const ValueDecl *Base = nullptr;
  std::vector<uintptr_t> Path;
  bool operator<(const Loc &O) const {
    return std::tie(Base, Path) < std::tie(O.Base, O.Path);
  }
  bool operator==(const Loc &O) const {
    return Base == O.Base && Path == O.Path;
  }
  bool hasDeref() const { return llvm::is_contained(Path, DerefMark); }
};

struct Value {
  unsigned Id;       // site index * 4 + generation
  unsigned Acq;      // index into the model (Param values: param index)
  Status St;
  Nullness Null;
  bool operator<(const Value &O) const {
    return std::tie(Id, Acq, St, Null) < std::tie(O.Id, O.Acq, O.St, O.Null);
  }
  bool operator==(const Value &O) const {
    return Id == O.Id && Acq == O.Acq && St == O.St && Null == O.Null;
  }
};

using ConsKey = std::tuple<const ValueDecl *, int, int64_t>;

struct State {
  std::map<unsigned, Value> Vals;
  std::map<Loc, unsigned> Store;
  std::map<const ValueDecl *, Loc> Refs; // pointer/reference to a local
  std::map<const ValueDecl *, int64_t> Ints;
  std::map<ConsKey, bool> Cons;
  std::map<const Expr *, unsigned> Pending;
  bool operator<(const State &O) const {
    return std::tie(Vals, Store, Refs, Ints, Cons, Pending) <
           std::tie(O.Vals, O.Store, O.Refs, O.Ints, O.Cons, O.Pending);
  }
};

struct Hist {
  std::shared_ptr<const Hist> Prev;
  bool IsAcquire;
  unsigned Site;
  SourceLocation L;
  std::string Msg;
  const Stmt *Branch = nullptr; // the if/loop/switch the note is about
  bool Uncounted = false; // a hook note the precision rule does not count
};
using HistPtr = std::shared_ptr<const Hist>;

struct Candidate {
  Finding F;
  bool NaturalEnd = false;
  unsigned UndecidedAfter = 0; ///< undecided branches since the acquisition
  unsigned Undecided = 0;      ///< ... since the function's entry
  /// The precision rule: a leak at the natural end of its owner's scope, on
  /// a path that took an undecided branch after the acquisition and another
  /// one anywhere (two conditions the engine could not tell apart may be
  /// one), may be the correlated-flags pattern. With a single undecided
  /// branch on the path there is nothing to correlate: `std::thread t(f);
  /// if (wait) t.join();` leaks when `wait` is false.
  bool mayBeCorrelated() const {
    return NaturalEnd && UndecidedAfter > 0 && Undecided > 1;
  }
};

const Expr *strip(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *FE = dyn_cast<FullExpr>(E)) {
      E = FE->getSubExpr();
      continue;
    }
    if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MT->getSubExpr();
      continue;
    }
    if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BT->getSubExpr();
      continue;
    }
    return E;
  }
}

// Casts that keep the identity of the value (an alias of the same object).
bool keepsIdentity(CastKind K) {
  switch (K) {
  case CK_LValueToRValue:
  case CK_NoOp:
  case CK_BitCast:
  case CK_IntegralCast:
  case CK_PointerToIntegral:
  case CK_IntegralToPointer:
  case CK_DerivedToBase:
  case CK_UncheckedDerivedToBase:
  case CK_BaseToDerived:
  case CK_Dynamic:
  case CK_AddressSpaceConversion:
  case CK_ConstructorConversion:
  case CK_UserDefinedConversion:
    return true;
  default:
    return false;
  }
}

bool isStdOrSystem(const Decl *D, const SourceManager &SM) {
  if (D->isInStdNamespace())
    return true;
  if (const auto *M = dyn_cast<CXXMethodDecl>(D))
    if (M->getParent()->isInStdNamespace())
      return true;
  return SM.isInSystemHeader(D->getLocation());
}

bool isCharPointer(QualType T) {
  T = T.getNonReferenceType();
  return T->isPointerType() && T->getPointeeType()->isAnyCharacterType();
}

bool isReadOnlyParamType(QualType T) {
  T = T.getNonReferenceType();
  // A `const void *` cannot be read through: it is an identity (a key of a
  // registry, a handle): treat it as kept.
  if (T->isPointerType() && T->getPointeeType()->isVoidType())
    return false;
  if (T->isPointerType() || T->isArrayType())
    return T->getPointeeOrArrayElementType() &&
           (T->isPointerType() ? T->getPointeeType().isConstQualified()
                               : T.isConstQualified());
  return false;
}

std::string exprName(const Expr *E, const ASTContext &Ctx) {
  E = strip(E)->IgnoreParenImpCasts();
  // The expression as written, when it is short and not from a macro.
  SourceRange R = E->getSourceRange();
  if (R.isValid() && !R.getBegin().isMacroID() && !R.getEnd().isMacroID()) {
    llvm::StringRef Text = Lexer::getSourceText(
        CharSourceRange::getTokenRange(R), Ctx.getSourceManager(),
        Ctx.getLangOpts());
    if (!Text.empty() && Text.size() <= 32 && !Text.contains('\n'))
      return Text.str();
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    return DR->getDecl()->getNameAsString();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl()->getNameAsString();
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return FD->getNameAsString() + "()";
  return "";
}

class FunctionAnalysis {
public:
  FunctionAnalysis(OwnershipEngine &E, const FunctionDecl *FD, bool Summary)
      : Eng(E), Ctx(E.context()), SM(Ctx.getSourceManager()),
        Model(E.model()), FD(FD), SummaryMode(Summary) {}

  bool run();
  std::vector<Finding> findings();
  FunctionSummary takeSummary();

private:
  // ---- values and locations
  unsigned siteIndex(const Stmt *S) {
    auto [It, New] = SiteIds.try_emplace(S, Sites.size());
    if (New)
      Sites.push_back(S);
    return It->second;
  }
  std::optional<unsigned> createValue(State &S, const Acquirer *A,
                                      const Stmt *Site, Nullness N);
  bool isLocal(const Loc &L) const;
  std::optional<Loc> locOf(const Expr *E, State &S);
  std::optional<unsigned> valueOf(const Expr *E, State &S);
  /// The location \p Ptr points to, when it is `&x` of one the engine follows.
  std::optional<Loc> pointeeLoc(const Expr *Ptr, State &S);
  /// The out-parameter through which \p Call delivers what it acquires
  /// (`&t` of pthread_create, `&s` of asprintf), if any.
  const Expr *outArgument(const CallExpr *Call) const;
  /// A new obligation of \p A acquired at \p Site, delivered into \p Into
  /// or, without it, as the value of the expression.
  std::optional<unsigned> acquire(const Expr *Site, const Acquirer *A,
                                  std::optional<Loc> Into, State &S,
                                  HistPtr &H);
  /// A model acquirer that delivers through an out-parameter.
  void acquireThrough(const CallExpr *CE, const Acquirer *Acq, State &S,
                      HistPtr &H);
  std::optional<unsigned> paramValue(State &S, const Loc &L);
  void valuesUnder(const State &S, const ValueDecl *Base,
                   llvm::SmallVectorImpl<unsigned> &Out) const;
  /// The values an argument hands to a callee: the value itself, or all
  /// values of a local aggregate or variable whose address is taken.
  bool argValues(const Expr *Arg, State &S,
                 llvm::SmallVectorImpl<unsigned> &Out);
  bool referenced(const State &S, unsigned Id) const;
  /// Every value E may evaluate to (both arms of a conditional).
  void allValuesOf(const Expr *E, State &S,
                   llvm::SmallVectorImpl<unsigned> &Out);

  // ---- effects
  void escape(State &S, unsigned Id);
  void release(State &S, unsigned Id, unsigned Group, const Expr *At,
               llvm::StringRef How);
  void bind(State &S, const Loc &L, std::optional<unsigned> V,
            const Stmt *At, HistPtr &H);
  void lose(State &S, const Stmt *At, LeakCause Cause, const ValueDecl *Owner,
            HistPtr &H);
  void collectGarbage(State &S);
  void reportLost(State &S, unsigned Id, const Stmt *At, SourceLocation L,
                  LeakCause Cause, const ValueDecl *Owner, HistPtr &H);

  // ---- statements
  bool handleElement(const CFGElement &El, State &S, HistPtr &H);
  void handleStmt(const Stmt *St, State &S, HistPtr &H, bool &Stop);
  void handleCall(const CallExpr *CE, State &S, HistPtr &H);
  void handleConstruct(const CXXConstructExpr *CE, State &S);
  /// ObligationHooks on \p E (a call or a construction), and the moves and
  /// move-assignments of the objects that hold their obligations. Returns
  /// true if that decided what \p E does.
  bool applyHooks(const Expr *E, State &S, HistPtr &H);
  bool isHookValue(const State &S, std::optional<unsigned> V) const;
  bool hasLiveHookValue(const State &S) const;
  /// `self->buf = realloc(self->buf, n)` on a block the engine does not
  /// track (the caller's, a global's): lost all the same if realloc fails.
  void reallocInPlace(const Expr *LHS, const Expr *RHS, const Loc &L,
                      const Stmt *At, State &S);
  /// Whether \p Ret is a return a macro wrote, taken on a condition of the
  /// same macro that the engine could not decide: an assertion
  /// (`ASSERT_TRUE(p != nullptr)`, `CHECK(ok)`) whose condition is hidden
  /// in the helpers it calls. A leak there is not reported: the engine
  /// cannot tell the failing path from the one on which nothing leaks.
  bool isAssertionExit(const Stmt *Ret, const HistPtr &H) const;
  /// Whether some value is still owned by this function on this path.
  bool hasLiveOwnedValue(const State &S) const;
  /// Whether an exception that reaches \p St's function boundary from \p St
  /// ends the program instead (the function is noexcept): then nothing
  /// leaks on that path.
  bool terminatesOnEscape(const Stmt *St) const;
  /// Exception paths, for hook obligations only (owning-pointer keeps its
  /// documented behaviour): an exception at \p At ends the locals of the
  /// innermost try block around it, or of the whole function; returns the
  /// handler dispatch block of that try, or null.
  const CFGBlock *unwind(const Stmt *At, State &S, HistPtr &H);
  /// A call or construction whose callee's summary may throw forks an
  /// exception path into Forks.
  void forkThrow(const Stmt *St, const State &S, const HistPtr &H);
  void handleAssign(const Expr *LHS, const Expr *RHS, const Stmt *At,
                    State &S, HistPtr &H);
  void handleReturn(const ReturnStmt *RS, State &S);
  void handleThrow(const Stmt *T, State &S, HistPtr &H);
  void handleLifetimeEnd(const VarDecl *VD, const Stmt *Trigger, State &S,
                         HistPtr &H);
  void applyEffect(State &S, llvm::ArrayRef<unsigned> Vs, ParamEffect E,
                   const Expr *At);
  void invalidateGlobalsOf(State &S, const FunctionSummary &Sum);
  void writeVar(State &S, const ValueDecl *VD, std::optional<int64_t> V);
  const FunctionDecl *resolveCallee(const CallExpr *CE);
  bool isFullExprEnd(const Stmt *St) const;
  bool inTry(const Stmt *St) const;

  // ---- conditions
  std::optional<int64_t> evalInt(const Expr *E, State &S, unsigned Depth = 0);
  Tri evalCond(const Expr *E, State &S, unsigned Depth = 0);
  bool assume(const Expr *E, bool Truth, State &S, std::string &Note,
              bool &Undecided, unsigned Depth = 0);
  const ValueDecl *atomOf(const Expr *E) const;
  bool isRelevantAtom(const ValueDecl *VD) const {
    return AtomCount.lookup(VD) >= 2;
  }
  std::optional<bool> lookupCons(const State &S, const ValueDecl *A,
                                 BinaryOperatorKind Op, int64_t C) const;

  void addCandidate(Candidate C);

  OwnershipEngine &Eng;
  ASTContext &Ctx;
  const SourceManager &SM;
  const ResourceModel &Model;
  const FunctionDecl *FD;
  bool SummaryMode;
  std::unique_ptr<CFG> Cfg;
  std::unique_ptr<ParentMap> PM;
  llvm::DenseMap<const Stmt *, unsigned> SiteIds;
  std::vector<const Stmt *> Sites;
  llvm::DenseMap<const ValueDecl *, unsigned> AtomCount;
  llvm::DenseMap<const VarDecl *, const FunctionDecl *> FnPtrTargets;
  llvm::DenseSet<unsigned> ReleasedSites;
  std::map<unsigned, Candidate> Candidates;
  std::map<unsigned, Finding> Immediate; // mismatches, realloc losses
  std::map<unsigned, const FunctionDecl *> ViaFactory;
  const Stmt *CurrentElement = nullptr;
  const Expr *NoteAt = nullptr; // where the last assumption's note goes
  llvm::DenseSet<const Stmt *> InitRoots; // constructor initializers
  llvm::DenseMap<const Stmt *, const CFGBlock *> TryDispatch;
  struct Fork {
    const CFGBlock *B;
    State S;
    HistPtr H;
  };
  std::vector<Fork> Forks; // exception paths forked by the current element
  // Summary accumulation.
  FunctionSummary Sum;
  bool SawReturn = false, ReturnsVary = false;
  std::optional<int64_t> RetConst;
  std::optional<unsigned> RetParam;
  bool RetParamVaries = false;
};

// ===================================================================== values

std::optional<unsigned> FunctionAnalysis::createValue(State &S,
                                                      const Acquirer *A,
                                                      const Stmt *Site,
                                                      Nullness N) {
  unsigned Base = siteIndex(Site) * 4;
  for (unsigned G = 0; G < 4; ++G) {
    if (S.Vals.count(Base + G))
      continue;
    S.Vals[Base + G] = {Base + G, Eng.acquirerIndex(A), Status::Owned, N};
    return Base + G;
  }
  return std::nullopt; // too many live values of one site: lose track
}

bool FunctionAnalysis::isLocal(const Loc &L) const {
  const auto *VD = dyn_cast_or_null<VarDecl>(L.Base);
  return VD && VD->hasLocalStorage() && !L.hasDeref();
}

std::optional<unsigned> FunctionAnalysis::paramValue(State &S, const Loc &L) {
  // Summary mode: whatever a parameter points to, or holds, is the caller's.
  const auto *P = dyn_cast_or_null<ParmVarDecl>(L.Base);
  bool IsThis = L.Base == FD;
  if (!SummaryMode || (!P && !IsThis))
    return std::nullopt;
  auto It = S.Store.find(L);
  if (It != S.Store.end())
    return It->second;
  unsigned Idx = IsThis ? FD->getNumParams() : P->getFunctionScopeIndex();
  // Param values use site ids beyond the statements: 1<<20 + index.
  unsigned Id = ((1u << 20) + Idx) * 4;
  S.Vals[Id] = {Id, Idx, Status::Param, Nullness::Unknown};
  S.Store[L] = Id;
  return Id;
}

std::optional<Loc> FunctionAnalysis::locOf(const Expr *E, State &S) {
  E = strip(E);
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E))
    if (IC->getCastKind() == CK_NoOp || IC->getCastKind() == CK_LValueToRValue)
      return locOf(IC->getSubExpr(), S);
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD)
      return std::nullopt;
    if (VD->getType()->isReferenceType()) {
      auto It = S.Refs.find(VD);
      if (It != S.Refs.end())
        return It->second;
      if (isa<ParmVarDecl>(VD))
        return Loc{VD, {DerefMark}};
      return std::nullopt;
    }
    return Loc{VD, {}};
  }
  auto Deref = [&](const Expr *Ptr) -> std::optional<Loc> {
    Ptr = strip(Ptr)->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Ptr))
      return Loc{FD, {}};
    if (const auto *DR = dyn_cast<DeclRefExpr>(Ptr)) {
      auto It = S.Refs.find(DR->getDecl());
      if (It != S.Refs.end())
        return It->second;
      if (isa<ParmVarDecl>(DR->getDecl()))
        return Loc{DR->getDecl(), {DerefMark}};
      return std::nullopt;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(Ptr))
      if (UO->getOpcode() == UO_AddrOf)
        return locOf(UO->getSubExpr(), S);
    return std::nullopt;
  };
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field)
      return std::nullopt;
    std::optional<Loc> B =
        ME->isArrow() ? Deref(ME->getBase()) : locOf(ME->getBase(), S);
    if (!B)
      return std::nullopt;
    const RecordDecl *RD = Field->getParent();
    B->Path.push_back(RD->isUnion() ? reinterpret_cast<uintptr_t>(RD) | 2
                                    : reinterpret_cast<uintptr_t>(Field));
    return B;
  }
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = strip(AS->getBase());
    std::optional<Loc> B;
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(Base);
        IC && IC->getCastKind() == CK_ArrayToPointerDecay)
      B = locOf(IC->getSubExpr(), S);
    else
      B = Deref(Base);
    std::optional<int64_t> I = evalInt(AS->getIdx(), S);
    if (!B || !I)
      return std::nullopt;
    B->Path.push_back(indexMark(*I));
    return B;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref) {
      std::optional<Loc> B = Deref(UO->getSubExpr());
      if (B && !B->Path.empty() && B->Path.back() == DerefMark)
        return B;
      if (B) {
        // `*a` for a local array `a` is a[0].
        if (const auto *VD = dyn_cast_or_null<VarDecl>(B->Base);
            VD && B->Path.empty() && VD->getType()->isArrayType())
          B->Path.push_back(indexMark(0));
        return B;
      }
      // `*a` where a is a local array: decays to a pointer to a[0].
      const Expr *Sub = strip(UO->getSubExpr());
      if (const auto *IC = dyn_cast<ImplicitCastExpr>(Sub);
          IC && IC->getCastKind() == CK_ArrayToPointerDecay) {
        B = locOf(IC->getSubExpr(), S);
        if (B)
          B->Path.push_back(indexMark(0));
        return B;
      }
    }
  return std::nullopt;
}

const Expr *FunctionAnalysis::outArgument(const CallExpr *Call) const {
  if (const ObligationHooks *Hooks = Eng.hooks())
    if (const Expr *Out = Hooks->acquiresThrough(Call))
      return Out;
  // Only where the result reports failure: getline's does not say
  // anything about the buffer.
  const Acquirer *A = Model.acquirerFor(Call->getDirectCallee());
  return A && A->OutArg >= 0 && A->Failure != FailureValue::None &&
                 static_cast<unsigned>(A->OutArg) < Call->getNumArgs()
             ? Call->getArg(A->OutArg)
             : nullptr;
}

std::optional<Loc> FunctionAnalysis::pointeeLoc(const Expr *Ptr, State &S) {
  if (const auto *UO = dyn_cast<UnaryOperator>(strip(Ptr)->IgnoreParenCasts());
      UO && UO->getOpcode() == UO_AddrOf)
    return locOf(UO->getSubExpr(), S);
  return std::nullopt;
}

std::optional<unsigned> FunctionAnalysis::valueOf(const Expr *E, State &S) {
  while (true) {
    E = strip(E);
    auto P = S.Pending.find(E);
    if (P != S.Pending.end())
      return P->second;
    // The status result of `pthread_create(&t, ...)` tested after its full
    // expression ended (`if (pthread_create(...) != 0)`): it stands for the
    // thread it created as long as `t` still holds that one.
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const Expr *Out = outArgument(Call))
        if (std::optional<Loc> L = pointeeLoc(Out, S)) {
          auto It = S.Store.find(*L);
          if (It != S.Store.end() && Sites[It->second / 4] == Call)
            return It->second;
        }
    if (const auto *CE = dyn_cast<CastExpr>(E)) {
      if (!keepsIdentity(CE->getCastKind()))
        return std::nullopt;
      if (CE->getCastKind() == CK_LValueToRValue)
        break;
      E = CE->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Assign) {
        E = BO->getLHS();
        break;
      }
      if (BO->getOpcode() == BO_Comma) {
        E = BO->getRHS();
        continue;
      }
      if ((BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
          BO->getType()->isPointerType()) {
        E = BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                     : BO->getRHS();
        continue;
      }
      if (BO->isCompoundAssignmentOp() && BO->getType()->isPointerType()) {
        E = BO->getLHS();
        break;
      }
      return std::nullopt;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      if (UO->isIncrementDecrementOp() && UO->getType()->isPointerType()) {
        E = UO->getSubExpr();
        break;
      }
      if (UO->getOpcode() != UO_Deref)
        return std::nullopt;
      break;
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E)) {
      if (auto V = valueOf(CO->getTrueExpr(), S))
        return V;
      E = CO->getFalseExpr();
      continue;
    }
    if (isa<CXXThisExpr>(E))
      return paramValue(S, Loc{FD, {}});
    break;
  }
  std::optional<Loc> L = locOf(E, S);
  if (!L)
    return std::nullopt;
  auto It = S.Store.find(*L);
  if (It != S.Store.end())
    return It->second;
  return paramValue(S, *L);
}

void FunctionAnalysis::valuesUnder(const State &S, const ValueDecl *Base,
                                   llvm::SmallVectorImpl<unsigned> &Out) const {
  for (auto It = S.Store.lower_bound(Loc{Base, {}});
       It != S.Store.end() && It->first.Base == Base; ++It)
    Out.push_back(It->second);
}

bool FunctionAnalysis::argValues(const Expr *Arg, State &S,
                                 llvm::SmallVectorImpl<unsigned> &Out) {
  // A record passed by value: look through its (trivial) copy.
  if (const auto *CC = dyn_cast<CXXConstructExpr>(strip(Arg)))
    if (CC->getNumArgs() == 1 && CC->getConstructor() &&
        (CC->getConstructor()->isCopyOrMoveConstructor()) &&
        CC->getConstructor()->isTrivial())
      Arg = CC->getArg(0);
  const Expr *E = strip(Arg)->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf) {
    if (std::optional<Loc> L = locOf(UO->getSubExpr(), S)) {
      valuesUnder(S, L->Base, Out);
      return true;
    }
    return false;
  }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(strip(Arg)))
    if (IC->getCastKind() == CK_ArrayToPointerDecay) {
      if (std::optional<Loc> L = locOf(IC->getSubExpr(), S))
        valuesUnder(S, L->Base, Out);
      return true;
    }
  if (strip(Arg)->getType()->isRecordType()) {
    if (std::optional<Loc> L = locOf(Arg, S))
      if (L->Path.empty())
        valuesUnder(S, L->Base, Out);
  }
  allValuesOf(Arg, S, Out);
  return false;
}

void FunctionAnalysis::allValuesOf(const Expr *E, State &S,
                                   llvm::SmallVectorImpl<unsigned> &Out) {
  const Expr *X = strip(E)->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(X)) {
    allValuesOf(CO->getTrueExpr(), S, Out);
    allValuesOf(CO->getFalseExpr(), S, Out);
    return;
  }
  if (auto V = valueOf(E, S))
    Out.push_back(*V);
}

bool FunctionAnalysis::referenced(const State &S, unsigned Id) const {
  for (const auto &[L, V] : S.Store)
    if (V == Id)
      return true;
  for (const auto &[E, V] : S.Pending)
    if (V == Id)
      return true;
  return false;
}

// ==================================================================== effects

void FunctionAnalysis::escape(State &S, unsigned Id) {
  auto It = S.Vals.find(Id);
  if (It == S.Vals.end())
    return;
  if (It->second.St == Status::Param) {
    unsigned Idx = It->second.Acq;
    if (Idx < Sum.Params.size())
      Sum.Params[Idx] = ParamEffect::Escapes;
    else
      Sum.This = ParamEffect::Escapes;
    return;
  }
  if (It->second.St == Status::Owned) {
    It->second.St = Status::Escaped;
    ReleasedSites.insert(Id / 4);
  }
}

void FunctionAnalysis::release(State &S, unsigned Id, unsigned Group,
                               const Expr *At, llvm::StringRef How) {
  auto It = S.Vals.find(Id);
  if (It == S.Vals.end())
    return;
  Value &V = It->second;
  if (V.St == Status::Param) {
    unsigned Idx = V.Acq;
    ParamEffect &PE =
        Idx < Sum.Params.size() ? Sum.Params[Idx] : Sum.This;
    if (PE == ParamEffect::Read)
      PE = ParamEffect::Released;
    return;
  }
  if (V.St != Status::Owned)
    return;
  const Acquirer *A = Eng.acquirerAt(V.Acq);
  if (A->Group != Group && !SummaryMode &&
      Group < ResourceModel::GFirstCustom &&
      A->Group < ResourceModel::GFirstCustom &&
      (A->Kind == ResourceKind::Memory) == (Group <= ResourceModel::GDeleteArray)) {
    unsigned Site = Id / 4;
    if (!Immediate.count(Site)) {
      Finding F;
      F.Kind = Finding::Mismatch;
      F.Loc = At->getBeginLoc();
      F.Site = Sites[Site];
      F.Acq = A;
      F.Releaser = How.str();
      auto VF = ViaFactory.find(Site);
      F.Via = VF == ViaFactory.end() ? nullptr : VF->second;
      Immediate[Site] = std::move(F);
    }
  }
  V.St = Status::Released;
  ReleasedSites.insert(Id / 4);
}

bool FunctionAnalysis::isAssertionExit(const Stmt *Ret, const HistPtr &H) const {
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

void FunctionAnalysis::reportLost(State &S, unsigned Id, const Stmt *At,
                                  SourceLocation L, LeakCause Cause,
                                  const ValueDecl *Owner, HistPtr &H) {
  auto It = S.Vals.find(Id);
  if (It == S.Vals.end())
    return;
  Value V = It->second;
  S.Vals.erase(It);
  if (V.St != Status::Owned || V.Null == Nullness::Null || SummaryMode)
    return;
  if (Cause == LeakCause::EarlyReturn && isAssertionExit(At, H))
    return;
  Candidate C;
  C.F.Kind = Finding::Leak;
  C.F.Cause = Cause;
  C.F.Loc = L;
  C.F.Site = Sites[Id / 4];
  C.F.Acq = Eng.acquirerAt(V.Acq);
  C.F.Owner = Owner;
  auto VF = ViaFactory.find(Id / 4);
  C.F.Via = VF == ViaFactory.end() ? nullptr : VF->second;
  C.NaturalEnd = Cause == LeakCause::ScopeEnd || Cause == LeakCause::Return;
  // Path notes: the undecided branches taken since the acquisition.
  std::vector<PathNote> Notes;
  unsigned Undecided = 0;
  const Hist *N = H.get();
  for (; N; N = N->Prev.get()) {
    if (N->IsAcquire) {
      if (N->Site == Id / 4)
        break;
      continue;
    }
    Notes.push_back({N->L, N->Msg});
    Undecided += !N->Uncounted;
  }
  C.UndecidedAfter = Undecided;
  for (const Hist *B = N; B; B = B->Prev.get())
    Undecided += !B->IsAcquire && !B->Uncounted;
  C.Undecided = Undecided;
  bool Hook = V.Acq >= Model.size();
  if (Hook && N) {
    // Hook obligations: also the decisions that led into the acquisition
    // (the branch or loop whose body acquires), once each.
    SourceLocation SiteLoc = Sites[Id / 4]->getBeginLoc();
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
  unsigned MaxNotes = Eng.options().MaxNotes;
  if (Notes.size() > MaxNotes)
    Notes.erase(Notes.begin(), Notes.end() - MaxNotes);
  C.F.Notes = std::move(Notes);
  C.F.LostAt = At;
  addCandidate(std::move(C));
}

void FunctionAnalysis::addCandidate(Candidate C) {
  unsigned Site = SiteIds.lookup(C.F.Site);
  // First witness wins, except that a witness the precision rule keeps
  // replaces one it would drop.
  auto It = Candidates.find(Site);
  if (It == Candidates.end())
    Candidates.emplace(Site, std::move(C));
  else if (It->second.mayBeCorrelated() && !C.mayBeCorrelated())
    It->second = std::move(C);
}

void FunctionAnalysis::lose(State &S, const Stmt *At, LeakCause Cause,
                            const ValueDecl *Owner, HistPtr &H) {
  // Every owned value nothing refers to any more has lost its last owner.
  llvm::SmallVector<unsigned, 4> Lost;
  for (const auto &[Id, V] : S.Vals)
    if (!referenced(S, Id))
      Lost.push_back(Id);
  SourceLocation L = At ? At->getBeginLoc() : FD->getEndLoc();
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(At))
    L = CS->getRBracLoc();
  for (unsigned Id : Lost)
    reportLost(S, Id, At, L, Cause, Owner, H);
}

void FunctionAnalysis::collectGarbage(State &S) {
  for (auto It = S.Vals.begin(); It != S.Vals.end();) {
    if (It->second.St != Status::Owned && It->second.St != Status::Param &&
        !referenced(S, It->first))
      It = S.Vals.erase(It);
    else
      ++It;
  }
}

void FunctionAnalysis::bind(State &S, const Loc &L, std::optional<unsigned> V,
                            const Stmt *At, HistPtr &H) {
  std::optional<unsigned> Old;
  auto It = S.Store.find(L);
  if (It != S.Store.end())
    Old = It->second;
  if (Old == V)
    return;
  if (V)
    S.Store[L] = *V;
  else if (It != S.Store.end())
    S.Store.erase(It);
  if (Old && !referenced(S, *Old)) {
    auto VIt = S.Vals.find(*Old);
    if (VIt != S.Vals.end() && VIt->second.St == Status::Owned)
      reportLost(S, *Old, At, At->getBeginLoc(), LeakCause::Overwrite, L.Base,
                 H);
  }
}

void FunctionAnalysis::writeVar(State &S, const ValueDecl *VD,
                                std::optional<int64_t> V) {
  for (auto It = S.Cons.begin(); It != S.Cons.end();)
    if (std::get<0>(It->first) == VD)
      It = S.Cons.erase(It);
    else
      ++It;
  if (V && isa<VarDecl>(VD) && cast<VarDecl>(VD)->hasLocalStorage() &&
      AtomCount.count(VD))
    S.Ints[VD] = *V;
  else
    S.Ints.erase(VD);
}

void FunctionAnalysis::applyEffect(State &S, llvm::ArrayRef<unsigned> Vs,
                                   ParamEffect E, const Expr *At) {
  for (unsigned V : Vs) {
    if (E == ParamEffect::Escapes)
      escape(S, V);
    else if (E == ParamEffect::Released) {
      auto It = S.Vals.find(V);
      if (It == S.Vals.end())
        continue;
      unsigned G = It->second.St == Status::Param
                       ? 0
                       : Eng.acquirerAt(It->second.Acq)->Group;
      release(S, V, G, At, "");
    }
  }
}

void FunctionAnalysis::invalidateGlobalsOf(State &S,
                                           const FunctionSummary &Callee) {
  for (auto It = S.Cons.begin(); It != S.Cons.end();) {
    const auto *VD = dyn_cast<VarDecl>(std::get<0>(It->first));
    if (VD && !VD->hasLocalStorage() &&
        (Callee.WritesUnknownGlobals || Callee.writes(VD)))
      It = S.Cons.erase(It);
    else
      ++It;
  }
}

const FunctionDecl *FunctionAnalysis::resolveCallee(const CallExpr *CE) {
  if (const FunctionDecl *F = CE->getDirectCallee())
    return F;
  const Expr *C = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(C); UO && UO->getOpcode() == UO_Deref)
    C = UO->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(C))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
      return FnPtrTargets.lookup(VD);
  return nullptr;
}

bool FunctionAnalysis::isFullExprEnd(const Stmt *St) const {
  if (!InitRoots.empty()) {
    const Stmt *Root = St;
    while (const Stmt *Up = PM->getParent(Root))
      Root = Up;
    if (InitRoots.count(Root))
      return false;
  }
  const Stmt *P = PM->getParent(St);
  while (P && (isa<ParenExpr>(P) || isa<FullExpr>(P) ||
               isa<MaterializeTemporaryExpr>(P) ||
               isa<CXXBindTemporaryExpr>(P)))
    P = PM->getParent(P);
  if (!P)
    return true;
  return !isa<Expr>(P) && !isa<DeclStmt>(P) && !isa<ReturnStmt>(P) &&
         !isa<CXXForRangeStmt>(P);
}

bool FunctionAnalysis::inTry(const Stmt *St) const {
  for (const Stmt *P = PM->getParent(St); P; P = PM->getParent(P))
    if (isa<CXXTryStmt>(P) || isa<ObjCAtTryStmt>(P))
      return true;
  return false;
}

// ================================================================= statements

void FunctionAnalysis::handleCall(const CallExpr *CE, State &S, HistPtr &H) {
  const FunctionDecl *Callee = resolveCallee(CE);
  const ObligationHooks *Hooks = Eng.hooks();
  unsigned FirstArg = 0;
  const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(CE);
  const auto *MethodCallee = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (OpCall && MethodCallee && !MethodCallee->isStatic())
    FirstArg = 1; // the object is argument 0 of an operator call

  // Hooks first: an extra obligation kind decides for itself.
  if (Hooks && applyHooks(CE, S, H))
    return;

  // `p = u.release()`: the caller now owns what the unique_ptr owned (only
  // with the default deleter, whose release is delete or delete[]).
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE);
      MC && MethodCallee && MethodCallee->getIdentifier() &&
      MethodCallee->getName() == "release" && MethodCallee->getNumParams() == 0) {
    const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(MethodCallee->getParent());
    if (Spec && Spec->isInStdNamespace() && Spec->getName() == "unique_ptr" &&
        Spec->getTemplateArgs().size() == 2) {
      QualType Del = Spec->getTemplateArgs()[1].getAsType();
      const auto *DelRD = Del.isNull() ? nullptr : Del->getAsCXXRecordDecl();
      if (DelRD && DelRD->getName() == "default_delete") {
        bool Array = Spec->getTemplateArgs()[0].getAsType()->isArrayType();
        if (auto V = createValue(S, &Model.newAcquirer(Array), CE, Nullness::Unknown)) {
          S.Pending[CE] = *V;
          H = std::make_shared<Hist>(Hist{H, true, *V / 4, {}, {}});
        }
        return;
      }
    }
  }

  std::optional<Releaser> Rel = Model.releaserFor(Callee);
  const Acquirer *Acq = Model.acquirerFor(Callee);
  bool IsRealloc = Callee && Model.isRealloc(Callee);
  bool Reader = Callee && Model.isKnownReader(Callee);
  const FunctionSummary *Sum = nullptr;
  if (Callee && !Acq && !Rel && !Reader && Eng.hasUsableBody(Callee))
    Sum = &Eng.summary(Callee);

  // The object of a member call.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE)) {
    const Expr *Obj = MC->getImplicitObjectArgument();
    if (Obj && MethodCallee) {
      llvm::SmallVector<unsigned, 2> Vs;
      if (auto V = valueOf(Obj, S))
        Vs.push_back(*V);
      else if (!Obj->getType()->isPointerType())
        argValues(Obj, S, Vs);
      if (!Vs.empty()) {
        ParamEffect E = ParamEffect::Read;
        if (Sum)
          E = Sum->This;
        else if (!MethodCallee->isConst() &&
                 !isStdOrSystem(MethodCallee, SM)) {
          // No body: a method that hands the object over to itself
          // (ref-counting, deferred deletion) is an escape; others use it.
          static const char *const SelfReleasing[] = {
              "release", "Release", "destroy", "Destroy", "deleteLater",
              "unref",   "Unref",   "decRef",  "DecRef",  "deref",
              "dispose", "Dispose", "free",    "Free",    "close",
              "Close",   "drop",    "retire",  "kill",    "autorelease"};
          if (MethodCallee->getIdentifier() &&
              llvm::is_contained(SelfReleasing, MethodCallee->getName()))
            E = ParamEffect::Escapes;
        }
        applyEffect(S, Vs, E, CE);
      }
    }
  }

  // Arguments.
  for (unsigned I = FirstArg, N = CE->getNumArgs(); I < N; ++I) {
    const Expr *Arg = CE->getArg(I);
    unsigned PI = I - FirstArg;
    if (Rel && PI == Rel->Arg) {
      if (auto V = valueOf(Arg, S))
        release(S, *V, Rel->Group, CE, ResourceModel::tableName(Callee));
      continue;
    }
    if ((IsRealloc && PI == 0) || (Acq && Acq->OutArg == static_cast<int>(PI)))
      continue;
    llvm::SmallVector<unsigned, 4> Vs;
    bool AddressTaken = argValues(Arg, S, Vs);
    if (Vs.empty())
      continue;
    ParamEffect E = ParamEffect::Escapes;
    if (Acq)
      E = ParamEffect::Read; // mmap's and accept's descriptor, getline's stream
    else if (Reader)
      E = AddressTaken && !strip(Arg)->IgnoreParenCasts()->getType()->isArrayType() &&
                  isa<UnaryOperator>(strip(Arg)->IgnoreParenCasts())
              ? ParamEffect::Escapes
              : ParamEffect::Read;
    else if (Sum)
      E = PI < Sum->Params.size() ? Sum->Params[PI] : ParamEffect::Escapes;
    else if (Callee && PI < Callee->getNumParams()) {
      QualType PT = Callee->getParamDecl(PI)->getType();
      if (isReadOnlyParamType(PT) &&
          !(AddressTaken && isa<UnaryOperator>(strip(Arg)->IgnoreParenCasts())))
        E = ParamEffect::Read;
    }
    applyEffect(S, Vs, E, CE);
  }

  if (Sum)
    invalidateGlobalsOf(S, *Sum);

  // The result.
  if (Acq) {
    if (IsRealloc && CE->getNumArgs() > 0) {
      // On success the old block moves into the new one.
      if (auto Old = valueOf(CE->getArg(0), S)) {
        auto It = S.Vals.find(*Old);
        if (It != S.Vals.end() && It->second.St == Status::Owned)
          It->second.St = Status::Released;
        else if (It != S.Vals.end() && It->second.St == Status::Param)
          release(S, *Old, ResourceModel::GFree, CE, "realloc");
      }
    }
    if (Acq->OutArg >= 0)
      acquireThrough(CE, Acq, S, H);
    else
      acquire(CE, Acq, std::nullopt, S, H);
    return;
  }
  if (Sum && Sum->ReturnsAcquirer) {
    const Acquirer *A = Eng.acquirerAt(*Sum->ReturnsAcquirer);
    if (auto V = acquire(CE, A, std::nullopt, S, H))
      ViaFactory[*V / 4] = Callee;
    return;
  }
  if (Sum && Sum->ReturnsParam && *Sum->ReturnsParam + FirstArg < CE->getNumArgs())
    if (auto V = valueOf(CE->getArg(*Sum->ReturnsParam + FirstArg), S))
      S.Pending[CE] = *V;
}

void FunctionAnalysis::acquireThrough(const CallExpr *CE, const Acquirer *Acq,
                                      State &S, HistPtr &H) {
  const Expr *Out = static_cast<unsigned>(Acq->OutArg) < CE->getNumArgs()
                        ? CE->getArg(Acq->OutArg)
                        : nullptr;
  std::optional<Loc> Into = Out ? pointeeLoc(Out, S) : std::nullopt;
  if (!Into || !isLocal(*Into)) {
    // Delivered where the engine does not follow (a caller's pointer, a
    // member): what was there is handed over too.
    llvm::SmallVector<unsigned, 2> Vs;
    if (Out)
      argValues(Out, S, Vs);
    for (unsigned X : Vs)
      escape(S, X);
    return;
  }
  if (Acq->Regrows)
    if (auto Old = S.Store.find(*Into); Old != S.Store.end()) {
      // `getline(&line, ...)` grows the block `line` holds: it moves on.
      auto It = S.Vals.find(Old->second);
      if (It != S.Vals.end() && It->second.St == Status::Owned)
        It->second.St = Status::Released;
      else if (It != S.Vals.end() && It->second.St == Status::Param)
        release(S, Old->second, Acq->Group, CE, Acq->Name);
    }
  acquire(CE, Acq, Into, S, H);
}

std::optional<unsigned> FunctionAnalysis::acquire(const Expr *Site,
                                                  const Acquirer *A,
                                                  std::optional<Loc> Into,
                                                  State &S, HistPtr &H) {
  Nullness N = A->Failure == FailureValue::None ? Nullness::NonNull
                                                : Nullness::Unknown;
  std::optional<unsigned> V = createValue(S, A, Site, N);
  if (!V)
    return V;
  H = std::make_shared<Hist>(Hist{H, true, *V / 4, {}, {}});
  if (Into)
    bind(S, *Into, *V, Site, H);
  // The result is the resource, or tells whether acquiring it failed
  // (`if (pthread_create(...))`, asprintf's -1).
  if (!Into || A->Failure != FailureValue::None)
    S.Pending[Site] = *V;
  return V;
}

bool FunctionAnalysis::isHookValue(const State &S,
                                   std::optional<unsigned> V) const {
  if (!V)
    return false;
  auto It = S.Vals.find(*V);
  return It != S.Vals.end() && It->second.St != Status::Param &&
         It->second.Acq >= Model.size();
}

bool FunctionAnalysis::applyHooks(const Expr *E, State &S, HistPtr &H) {
  const ObligationHooks *Hooks = Eng.hooks();
  if (!Hooks)
    return false;
  // A call whose body the engine reads is summarised instead: asking the
  // hooks what it hands over or acquires would count it twice.
  const auto *Call = dyn_cast<CallExpr>(E);
  bool Summarised = Call && Eng.hasUsableBody(resolveCallee(Call));
  const Expr *Op = Hooks->discharges(E);
  if (!Op && Call && !Summarised)
    Op = Hooks->handsOver(Call);
  if (Op) {
    if (auto V = valueOf(Op, S)) {
      auto It = S.Vals.find(*V);
      if (It != S.Vals.end() && It->second.St != Status::Param)
        release(S, *V, Eng.acquirerAt(It->second.Acq)->Group, E, "");
      else
        release(S, *V, 0, E, "");
    }
    // A call goes on to its arguments (`t.swap(u)` hands `u` over too).
    return !isa<CallExpr>(E);
  }
  if (const VarDecl *C = Hooks->acquiresInto(E)) {
    // Into a container: one obligation stands for all its elements.
    const auto *CE = dyn_cast<CallExpr>(E);
    std::optional<unsigned> V;
    if (CE && CE->getNumArgs() > 0)
      V = valueOf(CE->getArg(CE->getNumArgs() - 1), S);
    if (!isHookValue(S, V)) {
      V.reset();
      if (const Acquirer *A = Hooks->acquires(E)) {
        V = createValue(S, A, E, Nullness::NonNull);
        if (V)
          H = std::make_shared<Hist>(Hist{H, true, *V / 4, {}, {}});
      }
    }
    if (!V)
      return true;
    if (CE && CE->getNumArgs() > 0)
      if (std::optional<Loc> From = locOf(CE->getArg(CE->getNumArgs() - 1), S))
        S.Store.erase(*From);
    Loc Holder{C, {}};
    auto Old = S.Store.find(Holder);
    if (Old != S.Store.end() && isHookValue(S, Old->second) &&
        S.Vals.find(Old->second)->second.St == Status::Owned) {
      // Already holds a live one: the new element joins it.
      auto It = S.Vals.find(*V);
      if (It != S.Vals.end() && It->second.St == Status::Owned)
        It->second.St = Status::Escaped;
    } else {
      S.Store[Holder] = *V;
    }
    return true;
  }
  if (const Acquirer *A = Summarised ? nullptr : Hooks->acquires(E)) {
    const Expr *Out = Hooks->acquiresThrough(E);
    std::optional<Loc> Into = Out ? pointeeLoc(Out, S) : std::nullopt;
    if (Out && !(Into && isLocal(*Into)))
      return false; // delivered somewhere the engine does not follow
    acquire(E, A, Into, S, H);
    return true;
  }
  // The objects that hold hook obligations move with std::move and
  // move-assignment (plain pointers keep their own rules).
  const auto *CE = dyn_cast<CallExpr>(E);
  if (!CE)
    return false;
  const FunctionDecl *Callee = resolveCallee(CE);
  if (Callee && CE->getNumArgs() == 1 && Callee->isInStdNamespace() &&
      Callee->getIdentifier() &&
      (Callee->getName() == "move" || Callee->getName() == "forward")) {
    std::optional<unsigned> V = valueOf(CE->getArg(0), S);
    if (!isHookValue(S, V))
      return false;
    if (std::optional<Loc> L = locOf(CE->getArg(0), S))
      S.Store.erase(*L); // moved from: holds nothing any more
    S.Pending[CE] = *V;
    return true;
  }
  const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(CE);
  const auto *M = dyn_cast_or_null<CXXMethodDecl>(Callee);
  if (OpCall && OpCall->getOperator() == OO_Equal && M &&
      M->isCopyAssignmentOperator() != M->isMoveAssignmentOperator() &&
      CE->getNumArgs() == 2 &&
      (isHookValue(S, valueOf(CE->getArg(0), S)) ||
       isHookValue(S, valueOf(CE->getArg(1), S)))) {
    handleAssign(CE->getArg(0), CE->getArg(1), CE, S, H);
    if (auto V = valueOf(CE->getArg(0), S))
      S.Pending[CE] = *V;
    return true;
  }
  return false;
}

bool FunctionAnalysis::hasLiveOwnedValue(const State &S) const {
  for (const auto &[Id, V] : S.Vals)
    if (V.St == Status::Owned)
      return true;
  return false;
}

bool FunctionAnalysis::terminatesOnEscape(const Stmt *St) const {
  if (inTry(St))
    return false;
  const auto *FPT = FD->getType()->getAs<FunctionProtoType>();
  if (!FPT)
    return false;
  // Destructors are noexcept unless they say otherwise.
  if (isa<CXXDestructorDecl>(FD))
    return FPT->getExceptionSpecType() != EST_NoexceptFalse &&
           FPT->getExceptionSpecType() != EST_Dynamic;
  return FPT->isNothrow();
}

bool FunctionAnalysis::hasLiveHookValue(const State &S) const {
  for (const auto &[Id, V] : S.Vals)
    if (V.St == Status::Owned && V.Acq >= Model.size())
      return true;
  return false;
}

const CFGBlock *FunctionAnalysis::unwind(const Stmt *At, State &S,
                                         HistPtr &H) {
  const CXXTryStmt *Try = nullptr;
  const Stmt *Prev = At;
  for (const Stmt *P = PM->getParent(At); P && !Try;
       Prev = P, P = PM->getParent(P))
    if (const auto *T = dyn_cast<CXXTryStmt>(P); T && Prev == T->getTryBlock())
      Try = T;
  const CFGBlock *Dispatch = Try ? TryDispatch.lookup(Try) : nullptr;
  std::vector<Loc> Dead;
  for (const auto &[L, V] : S.Store) {
    if (!isLocal(L))
      continue;
    if (Dispatch) {
      const auto *VD = dyn_cast<VarDecl>(L.Base);
      const Stmt *Block = Try->getTryBlock();
      if (!VD || isa<ParmVarDecl>(VD) ||
          !SM.isPointWithin(VD->getLocation(), Block->getBeginLoc(),
                            Block->getEndLoc()))
        continue;
    }
    Dead.push_back(L);
  }
  S.Pending.clear();
  for (const Loc &L : Dead) { // one owner at a time: findings name it
    S.Store.erase(L);
    lose(S, At, LeakCause::Throw, L.Base, H);
  }
  lose(S, At, LeakCause::Throw, nullptr, H);
  return Dispatch;
}

void FunctionAnalysis::forkThrow(const Stmt *St, const State &S,
                                 const HistPtr &H) {
  const FunctionDecl *Callee = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(St))
    Callee = resolveCallee(CE);
  else if (const auto *CC = dyn_cast<CXXConstructExpr>(St))
    Callee = CC->getConstructor();
  if (!Callee || !Eng.hasUsableBody(Callee))
    return;
  if (const auto *FPT = Callee->getType()->getAs<FunctionProtoType>();
      FPT && FPT->isNothrow())
    return;
  // Threads: any exception on the way terminates the program. Memory and
  // handles: only a callee that throws by itself (a validating helper), not
  // one deep in a framework that rarely does, is worth a finding.
  const FunctionSummary &CS = Eng.summary(Callee);
  if (!(hasLiveHookValue(S) ? CS.MayThrow : CS.ThrowsItself) ||
      terminatesOnEscape(St))
    return;
  State T = S;
  HistPtr TH = std::make_shared<Hist>(
      Hist{H, false, 0, St->getBeginLoc(), "assuming an exception is thrown here"});
  if (const CFGBlock *Handlers = unwind(St, T, TH))
    Forks.push_back({Handlers, std::move(T), TH});
}

void FunctionAnalysis::handleConstruct(const CXXConstructExpr *CE, State &S) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor)
    return;
  // Moving or copying a tracked object moves the obligation with it.
  if ((Ctor->isMoveConstructor() || Ctor->isCopyConstructor()) &&
      CE->getNumArgs() == 1) {
    if (auto V = valueOf(CE->getArg(0), S)) {
      if (Ctor->isMoveConstructor())
        if (std::optional<Loc> L = locOf(CE->getArg(0), S))
          S.Store.erase(*L);
      S.Pending[CE] = *V;
      return;
    }
  }
  // Trivial copies of aggregates: whoever receives the copy decides.
  if (Ctor->isCopyOrMoveConstructor() && Ctor->isTrivial())
    return;
  const FunctionSummary *Sum =
      Eng.hasUsableBody(Ctor) ? &Eng.summary(Ctor) : nullptr;
  for (unsigned I = 0, N = CE->getNumArgs(); I < N; ++I) {
    llvm::SmallVector<unsigned, 4> Vs;
    argValues(CE->getArg(I), S, Vs);
    if (Vs.empty())
      continue;
    ParamEffect E = ParamEffect::Escapes;
    if (Sum)
      E = I < Sum->Params.size() ? Sum->Params[I] : ParamEffect::Escapes;
    else if (I < Ctor->getNumParams() &&
             isReadOnlyParamType(Ctor->getParamDecl(I)->getType()) &&
             !(isStdOrSystem(Ctor, SM) && !isCharPointer(Ctor->getParamDecl(I)->getType())))
      // Library constructors keep the pointers they get (smart pointers
      // adopt even `const T *`), except character strings, which they copy.
      E = ParamEffect::Read;
    applyEffect(S, Vs, E, CE);
  }
}

void FunctionAnalysis::handleAssign(const Expr *LHS, const Expr *RHS,
                                    const Stmt *At, State &S, HistPtr &H) {
  std::optional<unsigned> V = valueOf(RHS, S);
  const Expr *R = strip(RHS)->IgnoreParenCasts();
  std::optional<Loc> L = locOf(LHS, S);
  // `pp = &p`: pp now points at a local.
  if (const auto *UO = dyn_cast<UnaryOperator>(R);
      UO && UO->getOpcode() == UO_AddrOf) {
    std::optional<Loc> Target = locOf(UO->getSubExpr(), S);
    if (L && isLocal(*L) && L->Path.empty() && Target && isLocal(*Target)) {
      S.Refs[L->Base] = *Target;
      return;
    }
    if (Target) { // the address of a local escapes
      llvm::SmallVector<unsigned, 4> Vs;
      valuesUnder(S, Target->Base, Vs);
      for (unsigned X : Vs)
        escape(S, X);
    }
  }
  if (!L || !isLocal(*L)) {
    if (L)
      reallocInPlace(LHS, RHS, *L, At, S);
    llvm::SmallVector<unsigned, 2> Vs;
    allValuesOf(RHS, S, Vs);
    for (unsigned X : Vs)
      escape(S, X);
    if (L)
      if (const auto *VD = dyn_cast<VarDecl>(L->Base);
          VD && !VD->hasLocalStorage() && L->Path.empty())
        writeVar(S, VD, std::nullopt);
    return;
  }
  if (L->Path.empty()) {
    S.Refs.erase(L->Base);
    std::optional<int64_t> IV;
    if (!V)
      IV = evalInt(RHS, S);
    writeVar(S, L->Base, IV);
  }
  // `p = realloc(p, n)`: on failure the original block is lost.
  if (const auto *Call = dyn_cast<CallExpr>(R); Call && !SummaryMode) {
    const FunctionDecl *Callee = resolveCallee(Call);
    if (Callee && Model.isRealloc(Callee) && Call->getNumArgs() > 0) {
      std::optional<Loc> ArgL = locOf(Call->getArg(0)->IgnoreParenCasts(), S);
      auto Old = S.Store.find(*L);
      if (ArgL && *ArgL == *L && Old != S.Store.end()) {
        auto OV = S.Vals.find(Old->second);
        if (OV != S.Vals.end() && OV->second.St == Status::Released &&
            OV->second.Null != Nullness::Null) {
          // One finding per realloc statement, whichever block (the first
          // calloc, an earlier realloc in the loop) it may lose.
          unsigned Key = siteIndex(Call);
          if (!Immediate.count(Key)) {
            Finding F;
            F.Kind = Finding::ReallocLoss;
            F.Loc = At->getBeginLoc();
            F.Site = Sites[Old->second / 4];
            F.Acq = Eng.acquirerAt(OV->second.Acq);
            F.Owner = L->Base;
            Immediate[Key] = std::move(F);
          }
        }
      }
    }
  }
  bind(S, *L, V, At, H);
}

void FunctionAnalysis::reallocInPlace(const Expr *LHS, const Expr *RHS,
                                      const Loc &L, const Stmt *At, State &S) {
  if (SummaryMode)
    return;
  // `a = b = realloc(a, n)` too.
  const Expr *R = strip(RHS)->IgnoreParenCasts();
  for (const auto *BO = dyn_cast<BinaryOperator>(R);
       BO && BO->getOpcode() == BO_Assign; BO = dyn_cast<BinaryOperator>(R))
    R = strip(BO->getRHS())->IgnoreParenCasts();
  const auto *Call = dyn_cast<CallExpr>(R);
  const FunctionDecl *Callee = Call ? resolveCallee(Call) : nullptr;
  if (!Callee || !Model.isRealloc(Callee) || Call->getNumArgs() == 0)
    return;
  std::optional<Loc> Arg = locOf(Call->getArg(0)->IgnoreParenCasts(), S);
  unsigned Key = siteIndex(Call);
  if (!Arg || !(*Arg == L) || S.Store.count(L) || Immediate.count(Key))
    return;
  Finding F;
  F.Kind = Finding::ReallocLoss;
  F.Loc = At->getBeginLoc();
  F.LValue = Lexer::getSourceText(
                 CharSourceRange::getTokenRange(LHS->getSourceRange()), SM,
                 Ctx.getLangOpts())
                 .str();
  if (F.LValue.empty() || F.LValue.size() > 40)
    F.LValue = "the pointer";
  else
    F.LValue = "'" + F.LValue + "'";
  Immediate[Key] = std::move(F);
}

void FunctionAnalysis::handleReturn(const ReturnStmt *RS, State &S) {
  const Expr *RV = RS->getRetValue();
  if (!RV)
    return;
  llvm::SmallVector<unsigned, 4> Vs;
  if (strip(RV)->getType()->isRecordType()) {
    if (std::optional<Loc> L = locOf(RV, S))
      valuesUnder(S, L->Base, Vs);
  }
  std::optional<unsigned> V = valueOf(RV, S);
  if (SummaryMode) {
    SawReturn = true;
    std::optional<int64_t> C = V ? std::nullopt : evalInt(RV, S);
    if (!C || (RetConst && *RetConst != *C))
      ReturnsVary = true;
    else
      RetConst = C;
    std::optional<unsigned> Param;
    if (V) {
      auto It = S.Vals.find(*V);
      if (It != S.Vals.end() && It->second.St == Status::Param &&
          It->second.Acq < FD->getNumParams())
        Param = It->second.Acq;
      if (It != S.Vals.end() && It->second.St == Status::Owned) {
        if (!Sum.ReturnsAcquirer)
          Sum.ReturnsAcquirer = It->second.Acq;
      }
    }
    if (Param && (!RetParam || *RetParam == *Param) && !RetParamVaries)
      RetParam = Param;
    else if (!isa<CXXNullPtrLiteralExpr>(strip(RV)->IgnoreParenCasts()))
      RetParamVaries = true;
    if (V && Param)
      return; // returning a parameter is not an escape of it
  }
  allValuesOf(RV, S, Vs);
  for (unsigned X : Vs)
    escape(S, X);
}

void FunctionAnalysis::handleThrow(const Stmt *T, State &S, HistPtr &H) {
  if (inTry(T)) {
    // The CFG takes the throw to the handlers; the locals of the try block
    // end on the way (modelled for hook obligations only).
    if (!SummaryMode && hasLiveHookValue(S))
      unwind(T, S, H);
    return;
  }
  Sum.MayThrow = Sum.ThrowsItself = true;
  if (!SummaryMode && terminatesOnEscape(T)) {
    // std::terminate: the path ends there, nothing is lost on it.
    for (auto &[Id, V] : S.Vals)
      if (V.St == Status::Owned)
        V.St = Status::Escaped;
    return;
  }
  if (!SummaryMode && hasLiveHookValue(S)) {
    unwind(T, S, H); // the same, naming the owners
    return;
  }
  // Every local owner dies as the exception leaves the function.
  std::vector<Loc> Locals;
  for (const auto &[L, V] : S.Store)
    if (isLocal(L))
      Locals.push_back(L);
  for (const Loc &L : Locals)
    S.Store.erase(L);
  S.Pending.clear();
  lose(S, T, LeakCause::Throw, nullptr, H);
}

void FunctionAnalysis::handleLifetimeEnd(const VarDecl *VD, const Stmt *Trigger,
                                         State &S, HistPtr &H) {
  S.Refs.erase(VD);
  for (auto It = S.Refs.begin(); It != S.Refs.end();)
    if (It->second.Base == VD)
      It = S.Refs.erase(It);
    else
      ++It;
  S.Ints.erase(VD);
  bool Had = false;
  for (auto It = S.Store.lower_bound(Loc{VD, {}});
       It != S.Store.end() && It->first.Base == VD;) {
    It = S.Store.erase(It);
    Had = true;
  }
  if (!Had)
    return;
  LeakCause Cause = LeakCause::ScopeEnd;
  if (const auto *RS = dyn_cast_or_null<ReturnStmt>(Trigger)) {
    const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody());
    bool Last = Body && !Body->body_empty() && Body->body_back() == RS;
    Cause = Last ? LeakCause::Return : LeakCause::EarlyReturn;
  } else if (Trigger && (isa<BreakStmt>(Trigger) || isa<ContinueStmt>(Trigger) ||
                         isa<GotoStmt>(Trigger)))
    Cause = LeakCause::Jump;
  lose(S, Trigger, Cause, VD, H);
}

void FunctionAnalysis::handleStmt(const Stmt *St, State &S, HistPtr &H,
                                  bool &Stop) {
  CurrentElement = St;
  if (const auto *CE = dyn_cast<CallExpr>(St)) {
    handleCall(CE, S, H);
  } else if (const auto *CC = dyn_cast<CXXConstructExpr>(St)) {
    if (!applyHooks(CC, S, H))
      handleConstruct(CC, S);
  } else if (const auto *NE = dyn_cast<CXXNewExpr>(St)) {
    bool Nothrow = false, Placement = false;
    for (const Expr *PA : NE->placement_arguments()) {
      QualType T = PA->getType();
      if (const auto *RD = T->getAsCXXRecordDecl();
          RD && RD->getName() == "nothrow_t")
        Nothrow = true;
      else
        Placement = true;
    }
    if (!Placement) {
      const Acquirer &A = Model.newAcquirer(NE->isArray());
      if (auto V = createValue(S, &A, NE,
                               Nothrow ? Nullness::Unknown : Nullness::NonNull)) {
        S.Pending[NE] = *V;
        H = std::make_shared<Hist>(Hist{H, true, *V / 4, {}, {}});
        // An object that registers itself (its constructor stores `this`)
        // or gets a parent it cannot see is not ours to free.
        if (const CXXConstructExpr *CE = NE->getConstructExpr()) {
          const CXXConstructorDecl *Ctor = CE->getConstructor();
          bool Registers = false;
          if (Ctor && Eng.hasUsableBody(Ctor))
            Registers = Eng.summary(Ctor).This != ParamEffect::Read;
          else if (Ctor && !isStdOrSystem(Ctor, SM))
            for (unsigned I = 0; I < CE->getNumArgs() && I < Ctor->getNumParams(); ++I) {
              // A parent is a non-const pointer or reference to an object.
              QualType PT = Ctor->getParamDecl(I)->getType();
              if ((PT->isPointerType() || PT->isReferenceType()) &&
                  !PT->getPointeeType().isConstQualified() &&
                  !PT->getPointeeType()->isAnyCharacterType() &&
                  !PT->getPointeeType()->isArithmeticType())
                Registers = true;
            }
          if (Registers)
            escape(S, *V);
        }
      }
    }
  } else if (const auto *DE = dyn_cast<CXXDeleteExpr>(St)) {
    if (auto V = valueOf(DE->getArgument(), S))
      release(S, *V,
              DE->isArrayForm() ? ResourceModel::GDeleteArray
                                : ResourceModel::GDelete,
              DE, DE->isArrayForm() ? "delete[]" : "delete");
  } else if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (BO->getOpcode() == BO_Assign)
      handleAssign(BO->getLHS(), BO->getRHS(), BO, S, H);
    else if (BO->isCompoundAssignmentOp()) {
      std::optional<Loc> L = locOf(BO->getLHS(), S);
      if (L && L->Path.empty() && !BO->getType()->isPointerType())
        writeVar(S, L->Base, std::nullopt);
    }
  } else if (const auto *UO = dyn_cast<UnaryOperator>(St)) {
    if (UO->isIncrementDecrementOp()) {
      std::optional<Loc> L = locOf(UO->getSubExpr(), S);
      if (L && L->Path.empty() && !UO->getType()->isPointerType()) {
        std::optional<int64_t> Old = evalInt(UO->getSubExpr(), S);
        std::optional<int64_t> New;
        if (Old && *Old > -64 && *Old < 64)
          New = *Old + (UO->isIncrementOp() ? 1 : -1);
        writeVar(S, L->Base, New);
      }
    }
  } else if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      const Expr *Init = VD->getInit();
      if (!Init)
        continue;
      if (!VD->hasLocalStorage()) {
        // A static local (a singleton) keeps what it is given.
        if (auto V = valueOf(Init, S))
          escape(S, *V);
        continue;
      }
      Loc L{VD, {}};
      const Expr *I = strip(Init)->IgnoreParenCasts();
      if (VD->getType()->isReferenceType()) {
        if (std::optional<Loc> T = locOf(Init, S))
          if (isLocal(*T))
            S.Refs[VD] = *T;
        continue;
      }
      if (const auto *UO = dyn_cast<UnaryOperator>(I);
          UO && UO->getOpcode() == UO_AddrOf) {
        if (std::optional<Loc> T = locOf(UO->getSubExpr(), S);
            T && isLocal(*T)) {
          S.Refs[VD] = *T;
          continue;
        }
      }
      if (const auto *IC = dyn_cast<ImplicitCastExpr>(strip(Init));
          IC && IC->getCastKind() == CK_ArrayToPointerDecay &&
          VD->getType()->isPointerType()) {
        if (std::optional<Loc> T = locOf(IC->getSubExpr(), S);
            T && isLocal(*T)) {
          T->Path.push_back(indexMark(0));
          S.Refs[VD] = *T;
          continue;
        }
      }
      if (const auto *IL = dyn_cast<InitListExpr>(I)) {
        // Aggregates: bind each element that carries a value.
        std::function<void(const InitListExpr *, Loc)> Walk =
            [&](const InitListExpr *List, Loc At) {
              const RecordDecl *RD = nullptr;
              if (const auto *RT = List->getType()->getAs<RecordType>())
                RD = RT->getDecl();
              unsigned Idx = 0;
              auto FieldIt = RD ? RD->field_begin() : RecordDecl::field_iterator();
              for (const Expr *Elt : List->inits()) {
                Loc Sub = At;
                bool ByRef = false;
                if (RD) {
                  if (FieldIt == RD->field_end())
                    break;
                  ByRef = (*FieldIt)->getType()->isReferenceType();
                  Sub.Path.push_back(
                      RD->isUnion() ? reinterpret_cast<uintptr_t>(RD) | 2
                                    : reinterpret_cast<uintptr_t>(*FieldIt));
                  ++FieldIt;
                } else {
                  Sub.Path.push_back(indexMark(Idx));
                }
                ++Idx;
                if (const auto *Inner =
                        dyn_cast<InitListExpr>(strip(Elt)->IgnoreParenCasts()))
                  Walk(Inner, Sub);
                else if (auto V = valueOf(Elt, S)) {
                  // A reference member bound to an object that holds a hook
                  // obligation (a scope guard's `std::thread &`): whoever
                  // holds the reference may discharge it.
                  if (ByRef && isHookValue(S, V))
                    escape(S, *V);
                  else
                    S.Store[Sub] = *V;
                }
              }
            };
        Walk(IL, L);
        continue;
      }
      std::optional<unsigned> V = valueOf(Init, S);
      if (V)
        S.Store[L] = *V;
      else if (AtomCount.count(VD))
        writeVar(S, VD, evalInt(Init, S));
      if (!V && VD->getType()->isRecordType()) {
        // A local object constructed from tracked values: already handled
        // by its constructor; nothing to bind.
      }
    }
  } else if (const auto *RS = dyn_cast<ReturnStmt>(St)) {
    handleReturn(RS, S);
  } else if (isa<CXXThrowExpr>(St)) {
    handleThrow(St, S, H);
    Stop = !inTry(St);
  } else if (const auto *LE = dyn_cast<LambdaExpr>(St)) {
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable())
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar())) {
          llvm::SmallVector<unsigned, 4> Vs;
          valuesUnder(S, VD, Vs);
          for (unsigned X : Vs)
            escape(S, X);
        }
  } else if (const auto *AS = dyn_cast<AsmStmt>(St)) {
    llvm::SmallVector<const Expr *, 4> Operands;
    for (unsigned I = 0; I < AS->getNumInputs(); ++I)
      Operands.push_back(AS->getInputExpr(I));
    for (unsigned I = 0; I < AS->getNumOutputs(); ++I)
      Operands.push_back(AS->getOutputExpr(I));
    for (const Expr *E : Operands) {
      llvm::SmallVector<unsigned, 4> Vs;
      argValues(E, S, Vs);
      for (unsigned X : Vs)
        escape(S, X);
    }
  } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(St)) {
    if (auto V = valueOf(CO, S))
      S.Pending[CO] = *V;
  }
  // A value put into any other aggregate or call we did not model above
  // (e.g. `S{p}` returned, `f(S{p})`) escapes through its InitListExpr.
  if (const auto *IL = dyn_cast<InitListExpr>(St)) {
    const Stmt *P = PM->getParent(IL);
    if (!isa_and_nonnull<DeclStmt>(P) && !isa_and_nonnull<InitListExpr>(P))
      for (const Expr *Elt : IL->inits())
        if (auto V = valueOf(Elt, S))
          escape(S, *V);
  }
  if (isFullExprEnd(St)) {
    S.Pending.clear();
    lose(S, St, LeakCause::Discarded, nullptr, H);
    collectGarbage(S);
  }
}

bool FunctionAnalysis::handleElement(const CFGElement &El, State &S,
                                     HistPtr &H) {
  if (auto CS = El.getAs<CFGStmt>()) {
    bool Stop = false;
    if (const ObligationHooks *Hooks = Eng.hooks())
      if (const VarDecl *C = Hooks->drains(CS->getStmt())) {
        auto It = S.Store.find(Loc{C, {}});
        if (It != S.Store.end() && isHookValue(S, It->second))
          release(S, It->second,
                  Eng.acquirerAt(S.Vals.find(It->second)->second.Acq)->Group,
                  nullptr, ""); // same group: no mismatch to report
      }
    handleStmt(CS->getStmt(), S, H, Stop);
    if (!Stop && !SummaryMode && hasLiveOwnedValue(S) &&
        isa<CallExpr, CXXConstructExpr>(CS->getStmt()))
      forkThrow(CS->getStmt(), S, H);
    return !Stop;
  }
  if (auto IE = El.getAs<CFGInitializer>()) {
    // `Member(p)` in a constructor: the object keeps what it is given.
    const CXXCtorInitializer *Init = IE->getInitializer();
    if (Init && Init->isAnyMemberInitializer() && Init->getInit()) {
      llvm::SmallVector<unsigned, 4> Vs;
      const Expr *X = strip(Init->getInit());
      if (const auto *CE = dyn_cast<CXXConstructExpr>(X)) {
        for (const Expr *Arg : CE->arguments())
          argValues(Arg, S, Vs);
      } else if (const auto *IL = dyn_cast<InitListExpr>(X)) {
        for (const Expr *Arg : IL->inits())
          argValues(Arg, S, Vs);
      } else {
        allValuesOf(X, S, Vs);
      }
      for (unsigned V : Vs)
        escape(S, V);
    }
    S.Pending.clear();
    lose(S, Init ? Init->getInit() : nullptr, LeakCause::Discarded, nullptr, H);
    collectGarbage(S);
    return true;
  }
  if (auto LE = El.getAs<CFGLifetimeEnds>()) {
    handleLifetimeEnd(LE->getVarDecl(), LE->getTriggerStmt(), S, H);
    return true;
  }
  return true;
}

// ================================================================= conditions

const ValueDecl *FunctionAnalysis::atomOf(const Expr *E) const {
  E = strip(E)->IgnoreParenImpCasts();
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
      return VD;
  return nullptr;
}

std::optional<bool> FunctionAnalysis::lookupCons(const State &S,
                                                 const ValueDecl *A,
                                                 BinaryOperatorKind Op,
                                                 int64_t C) const {
  auto Find = [&](BinaryOperatorKind O, int64_t K) -> std::optional<bool> {
    auto It = S.Cons.find(ConsKey{A, O, K});
    if (It == S.Cons.end())
      return std::nullopt;
    return It->second;
  };
  if (auto R = Find(Op, C))
    return R;
  if (Op == BO_EQ || Op == BO_NE) {
    if (auto R = Find(Op == BO_EQ ? BO_NE : BO_EQ, C))
      return !*R;
  }
  // A known equality decides every comparison.
  for (auto It = S.Cons.lower_bound(ConsKey{A, INT_MIN, INT64_MIN});
       It != S.Cons.end() && std::get<0>(It->first) == A; ++It) {
    if (std::get<1>(It->first) == BO_EQ && It->second) {
      int64_t K = std::get<2>(It->first);
      switch (Op) {
      case BO_EQ: return K == C;
      case BO_NE: return K != C;
      case BO_LT: return K < C;
      case BO_LE: return K <= C;
      case BO_GT: return K > C;
      case BO_GE: return K >= C;
      default: break;
      }
    }
  }
  return std::nullopt;
}

std::optional<int64_t> FunctionAnalysis::evalInt(const Expr *E, State &S,
                                                 unsigned Depth) {
  if (Depth > 8)
    return std::nullopt;
  E = strip(E);
  if (!E->isValueDependent() && !E->isTypeDependent()) {
    Expr::EvalResult R;
    if (E->EvaluateAsInt(R, Ctx, Expr::SE_AllowSideEffects) && R.Val.isInt())
      return R.Val.getInt().getExtValue();
  }
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    switch (CE->getCastKind()) {
    case CK_LValueToRValue:
    case CK_NoOp:
    case CK_IntegralCast:
    case CK_BitCast:
      return evalInt(CE->getSubExpr(), S, Depth + 1);
    case CK_IntegralToBoolean:
    case CK_PointerToBoolean: {
      Tri T = evalCond(CE->getSubExpr(), S, Depth + 1);
      if (T == Tri::Unknown)
        return std::nullopt;
      return T == Tri::True;
    }
    default:
      return std::nullopt;
    }
  }
  if (const auto *DR = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD)
      return std::nullopt;
    auto It = S.Ints.find(VD);
    if (It != S.Ints.end())
      return It->second;
    if (!VD->hasLocalStorage() && VD->getInit() &&
        (VD->getType().isConstQualified() ||
         (!VD->isExternallyVisible() && !Eng.isWrittenInTU(VD)))) {
      if (std::optional<int64_t> V = evalInt(VD->getInit(), S, Depth + 1))
        return V;
    }
    for (auto CIt = S.Cons.lower_bound(ConsKey{VD, INT_MIN, INT64_MIN});
         CIt != S.Cons.end() && std::get<0>(CIt->first) == VD; ++CIt)
      if (std::get<1>(CIt->first) == BO_EQ && CIt->second)
        return std::get<2>(CIt->first);
    return std::nullopt;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_LNot) {
      Tri T = evalCond(UO->getSubExpr(), S, Depth + 1);
      if (T == Tri::Unknown)
        return std::nullopt;
      return T == Tri::False;
    }
    std::optional<int64_t> V = evalInt(UO->getSubExpr(), S, Depth + 1);
    if (!V)
      return std::nullopt;
    switch (UO->getOpcode()) {
    case UO_Minus: return -*V;
    case UO_Plus: return *V;
    case UO_Not: return ~*V;
    default: return std::nullopt;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->isLogicalOp() || BO->isComparisonOp()) {
      Tri T = evalCond(BO, S, Depth + 1);
      if (T == Tri::Unknown)
        return std::nullopt;
      return T == Tri::True;
    }
    if (BO->getOpcode() == BO_Comma)
      return evalInt(BO->getRHS(), S, Depth + 1);
    if (BO->getOpcode() == BO_Assign)
      return evalInt(BO->getRHS(), S, Depth + 1);
    std::optional<int64_t> L = evalInt(BO->getLHS(), S, Depth + 1);
    std::optional<int64_t> R = evalInt(BO->getRHS(), S, Depth + 1);
    if (!L || !R)
      return std::nullopt;
    switch (BO->getOpcode()) {
    case BO_Add: return *L + *R;
    case BO_Sub: return *L - *R;
    case BO_Mul: return *L * *R;
    case BO_Div: return *R ? std::optional<int64_t>(*L / *R) : std::nullopt;
    case BO_Rem: return *R ? std::optional<int64_t>(*L % *R) : std::nullopt;
    case BO_And: return *L & *R;
    case BO_Or: return *L | *R;
    case BO_Xor: return *L ^ *R;
    case BO_Shl: return *R >= 0 && *R < 63 ? std::optional<int64_t>(*L << *R) : std::nullopt;
    case BO_Shr: return *R >= 0 && *R < 63 ? std::optional<int64_t>(*L >> *R) : std::nullopt;
    default: return std::nullopt;
    }
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    Tri T = evalCond(CO->getCond(), S, Depth + 1);
    if (T == Tri::Unknown)
      return std::nullopt;
    return evalInt(T == Tri::True ? CO->getTrueExpr() : CO->getFalseExpr(), S,
                   Depth + 1);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = resolveCallee(CE);
    if (Callee && Eng.hasUsableBody(Callee) && !Model.acquirerFor(Callee)) {
      const FunctionSummary &Sum = Eng.summary(Callee);
      if (Sum.ReturnsConstant)
        return Sum.ReturnsConstant;
      if (Sum.ReturnsParam && *Sum.ReturnsParam < CE->getNumArgs())
        return evalInt(CE->getArg(*Sum.ReturnsParam), S, Depth + 1);
    }
  }
  return std::nullopt;
}

// The value a failed acquisition returns, as an integer; for the comparisons
// `p == NULL`, `fd < 0`, `p == MAP_FAILED`.
static int64_t failureInt(FailureValue F) {
  return F == FailureValue::MinusOne || F == FailureValue::MapFailed ? -1 : 0;
}

// Whether `X op C` holds for a known X.
static Tri compareExactly(BinaryOperatorKind Op, int64_t X, int64_t C) {
  auto Of = [](bool B) { return B ? Tri::True : Tri::False; };
  switch (Op) {
  case BO_EQ: return Of(X == C);
  case BO_NE: return Of(X != C);
  case BO_LT: return Of(X < C);
  case BO_LE: return Of(X <= C);
  case BO_GT: return Of(X > C);
  case BO_GE: return Of(X >= C);
  default: return Tri::Unknown;
  }
}

// Whether `X op C` holds for an unknown X known to be at least \p Min.
static Tri compareAtLeast(BinaryOperatorKind Op, int64_t Min, int64_t C) {
  switch (Op) {
  case BO_EQ: return C < Min ? Tri::False : Tri::Unknown;
  case BO_NE: return C < Min ? Tri::True : Tri::Unknown;
  case BO_LT: return C <= Min ? Tri::False : Tri::Unknown;
  case BO_LE: return C < Min ? Tri::False : Tri::Unknown;
  case BO_GT: return C < Min ? Tri::True : Tri::Unknown;
  case BO_GE: return C <= Min ? Tri::True : Tri::Unknown;
  default: return Tri::Unknown;
  }
}

// Whether `X op C` holds for an error code X: 0 on success, some positive
// error number on failure.
static Tri compareErrorCode(BinaryOperatorKind Op, int64_t C, bool Failed) {
  return Failed ? compareAtLeast(Op, 1, C) : compareExactly(Op, 0, C);
}

// Whether `X op C` holds when X is the failure value (True), when X is a
// successful acquisition (False/True), or cannot be told.
static Tri compareFailed(BinaryOperatorKind Op, int64_t F, int64_t C,
                         bool Failed) {
  if (Failed)
    return compareExactly(Op, F, C);
  // Success: a non-null pointer, or a descriptor >= 0.
  if (F == 0) { // pointers: only equality with null is known
    if (C != 0)
      return Tri::Unknown;
    if (Op == BO_EQ) return Tri::False;
    if (Op == BO_NE) return Tri::True;
    return Tri::Unknown;
  }
  // Descriptors (F == -1): a successful open() never returns 0, 1 or 2
  // while the standard streams are open, which is what `fd > 2` tests.
  return compareAtLeast(Op, 3, C);
}

static BinaryOperatorKind swapOp(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT: return BO_GT;
  case BO_GT: return BO_LT;
  case BO_LE: return BO_GE;
  case BO_GE: return BO_LE;
  default: return Op;
  }
}

static std::optional<int64_t> nullConstant(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
    return 0;
  Expr::EvalResult R;
  if (!E->isValueDependent() && E->EvaluateAsInt(R, Ctx) && R.Val.isInt())
    return R.Val.getInt().getExtValue();
  return std::nullopt;
}

/// A comparison read with its constant on the right: `5 == x` as `x == 5`.
/// C is empty when neither side is an integer or null constant.
struct ConstComparison {
  const Expr *X;
  BinaryOperatorKind Op;
  std::optional<int64_t> C;
};

static ConstComparison constComparison(const BinaryOperator *BO,
                                       ASTContext &Ctx) {
  if (std::optional<int64_t> C = nullConstant(BO->getRHS(), Ctx))
    return {BO->getLHS(), BO->getOpcode(), C};
  return {BO->getRHS(), swapOp(BO->getOpcode()), nullConstant(BO->getLHS(), Ctx)};
}

Tri FunctionAnalysis::evalCond(const Expr *E, State &S, unsigned Depth) {
  if (Depth > 8)
    return Tri::Unknown;
  E = strip(E);
  if (const ObligationHooks *Hooks = Eng.hooks())
    if (const Expr *Op = Hooks->testsLive(E)) {
      std::optional<unsigned> V = valueOf(Op, S);
      if (!isHookValue(S, V))
        return Tri::Unknown;
      return S.Vals.find(*V)->second.St == Status::Owned ? Tri::True
                                                          : Tri::False;
    }
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E);
      IC && (IC->getCastKind() == CK_PointerToBoolean ||
             IC->getCastKind() == CK_IntegralToBoolean ||
             IC->getCastKind() == CK_LValueToRValue ||
             IC->getCastKind() == CK_NoOp))
    return evalCond(IC->getSubExpr(), S, Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    Tri T = evalCond(UO->getSubExpr(), S, Depth + 1);
    return T == Tri::Unknown ? T : (T == Tri::True ? Tri::False : Tri::True);
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
      Tri L = evalCond(BO->getLHS(), S, Depth + 1);
      bool And = BO->getOpcode() == BO_LAnd;
      if (L == (And ? Tri::False : Tri::True))
        return L;
      Tri R = evalCond(BO->getRHS(), S, Depth + 1);
      if (R == (And ? Tri::False : Tri::True))
        return R;
      if (L == Tri::Unknown || R == Tri::Unknown)
        return Tri::Unknown;
      return R;
    }
    if (BO->isComparisonOp()) {
      ConstComparison Cmp = constComparison(BO, Ctx);
      const Expr *X = Cmp.X;
      BinaryOperatorKind Op = Cmp.Op;
      std::optional<int64_t> C = Cmp.C;
      if (C) {
        if (auto V = valueOf(X, S)) {
          auto It = S.Vals.find(*V);
          if (It != S.Vals.end() && It->second.St != Status::Param) {
            const Acquirer *A = Eng.acquirerAt(It->second.Acq);
            int64_t F = failureInt(A->Failure);
            if (It->second.Null == Nullness::Null)
              return compareFailed(Op, F, *C, true);
            if (It->second.Null == Nullness::NonNull)
              return compareFailed(Op, F, *C, false);
          }
          return Tri::Unknown;
        }
        if (std::optional<int64_t> XV = evalInt(X, S, Depth + 1)) {
          switch (Op) {
          case BO_EQ: return *XV == *C ? Tri::True : Tri::False;
          case BO_NE: return *XV != *C ? Tri::True : Tri::False;
          case BO_LT: return *XV < *C ? Tri::True : Tri::False;
          case BO_LE: return *XV <= *C ? Tri::True : Tri::False;
          case BO_GT: return *XV > *C ? Tri::True : Tri::False;
          case BO_GE: return *XV >= *C ? Tri::True : Tri::False;
          default: break;
          }
        }
        if (const ValueDecl *A = atomOf(X))
          if (auto R = lookupCons(S, A, Op, *C))
            return *R ? Tri::True : Tri::False;
        return Tri::Unknown;
      }
    }
  }
  if (auto V = valueOf(E, S)) {
    auto It = S.Vals.find(*V);
    if (It != S.Vals.end() && It->second.St != Status::Param &&
        Eng.acquirerAt(It->second.Acq)->Failure == FailureValue::ErrorCode &&
        It->second.Null != Nullness::Unknown)
      return It->second.Null == Nullness::Null ? Tri::True : Tri::False;
    if (It != S.Vals.end() && It->second.St != Status::Param &&
        E->getType()->isPointerType()) {
      if (It->second.Null == Nullness::Null)
        return Tri::False;
      if (It->second.Null == Nullness::NonNull)
        return Tri::True;
    }
    return Tri::Unknown;
  }
  if (std::optional<int64_t> I = evalInt(E, S, Depth + 1))
    return *I ? Tri::True : Tri::False;
  if (E->getType()->isPointerType())
    if (const ValueDecl *A = atomOf(E)) {
      auto It = S.Ints.find(A);
      if (It != S.Ints.end())
        return It->second ? Tri::True : Tri::False;
    }
  if (const ValueDecl *A = atomOf(E))
    if (auto R = lookupCons(S, A, BO_NE, 0))
      return *R ? Tri::True : Tri::False;
  return Tri::Unknown;
}

static std::string relNote(const std::string &Name, BinaryOperatorKind Op,
                           bool Truth, int64_t C) {
  if (!Truth)
    Op = BinaryOperator::negateComparisonOp(Op);
  return "assuming " + Name + " is " +
         BinaryOperator::getOpcodeStr(Op).str() + " " + std::to_string(C);
}

static std::string describe(const Expr *E, const ASTContext &Ctx) {
  std::string N = exprName(E, Ctx);
  return N.empty() ? std::string() : "'" + N + "'";
}

bool FunctionAnalysis::assume(const Expr *E, bool Truth, State &S,
                              std::string &Note, bool &Undecided,
                              unsigned Depth) {
  Tri T = evalCond(E, S);
  if (T != Tri::Unknown)
    return (T == Tri::True) == Truth;
  if (Depth > 8)
    return true;
  Undecided = true;
  E = strip(E);
  NoteAt = E;
  if (const auto *IC = dyn_cast<ImplicitCastExpr>(E);
      IC && (IC->getCastKind() == CK_PointerToBoolean ||
             IC->getCastKind() == CK_IntegralToBoolean ||
             IC->getCastKind() == CK_LValueToRValue ||
             IC->getCastKind() == CK_NoOp))
    return assume(IC->getSubExpr(), Truth, S, Note, Undecided, Depth + 1);
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_LNot) {
    bool R = assume(UO->getSubExpr(), !Truth, S, Note, Undecided, Depth + 1);
    // The note is read at the whole condition: a note about it (not about a
    // named operand) takes its polarity.
    if (llvm::StringRef(Note).starts_with("assuming the condition is "))
      Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
    NoteAt = E;
    return R;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    bool And = BO->getOpcode() == BO_LAnd, Or = BO->getOpcode() == BO_LOr;
    if ((And && Truth) || (Or && !Truth)) {
      std::string N1, N2;
      const Expr *Before = NoteAt;
      bool Ok = assume(BO->getLHS(), Truth, S, N1, Undecided, Depth + 1);
      const Expr *At1 = NoteAt;
      Ok = Ok && assume(BO->getRHS(), Truth, S, N2, Undecided, Depth + 1);
      if (!N1.empty() && N2.empty()) {
        Note = N1;
        NoteAt = At1;
      } else if (N1.empty() && !N2.empty()) {
        Note = N2;
      } else {
        Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
        NoteAt = Before;
      }
      return Ok;
    }
    if (And || Or) {
      Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
      return true;
    }
    if (BO->isComparisonOp()) {
      ConstComparison Cmp = constComparison(BO, Ctx);
      const Expr *X = Cmp.X;
      BinaryOperatorKind Op = Cmp.Op;
      std::optional<int64_t> C = Cmp.C;
      if (C) {
        std::string Name = describe(X, Ctx);
        if (auto V = valueOf(X, S)) {
          auto It = S.Vals.find(*V);
          if (It != S.Vals.end() && It->second.St != Status::Param) {
            const Acquirer *A = Eng.acquirerAt(It->second.Acq);
            int64_t F = failureInt(A->Failure);
            bool Code = A->Failure == FailureValue::ErrorCode;
            Tri IfFailed = Code ? compareErrorCode(Op, *C, true)
                                : compareFailed(Op, F, *C, true);
            Tri IfOk = Code ? compareErrorCode(Op, *C, false)
                            : compareFailed(Op, F, *C, false);
            bool CanFail = A->Failure != FailureValue::None &&
                           It->second.Null != Nullness::NonNull;
            bool FailOk = CanFail && IfFailed != (Truth ? Tri::False : Tri::True);
            bool SuccOk = It->second.Null != Nullness::Null &&
                          IfOk != (Truth ? Tri::False : Tri::True);
            if (FailOk && !SuccOk)
              It->second.Null = Nullness::Null;
            else if (SuccOk && !FailOk)
              It->second.Null = Nullness::NonNull;
            if (!FailOk && !SuccOk)
              return false;
            bool IsPtr = X->getType()->isPointerType() &&
                         A->Failure != FailureValue::MapFailed &&
                         A->Failure != FailureValue::MinusOne;
            if (!Name.empty() && Code)
              Note = "assuming " + Name +
                     (It->second.Null == Nullness::Null
                          ? " is an error code"
                          : It->second.Null == Nullness::NonNull
                                ? " is 0"
                                : std::string(" satisfies the condition"));
            else if (!Name.empty())
              Note = "assuming " + Name +
                     (It->second.Null == Nullness::Null
                          ? (IsPtr ? " is null" : " is invalid")
                          : It->second.Null == Nullness::NonNull
                                ? (IsPtr ? " is non-null" : " is valid")
                                : std::string(" satisfies the condition"));
            return true;
          }
          return true;
        }
        if (const ValueDecl *A = atomOf(X)) {
          if (isRelevantAtom(A) || isa<ParmVarDecl>(A) ||
              !cast<VarDecl>(A)->hasLocalStorage()) {
            if (Op == BO_EQ || Op == BO_NE) {
              bool Eq = (Op == BO_EQ) == Truth;
              S.Cons[ConsKey{A, BO_EQ, *C}] = Eq;
            } else {
              S.Cons[ConsKey{A, Op, *C}] = Truth;
            }
          }
          bool Eq = (Op == BO_EQ && Truth) || (Op == BO_NE && !Truth);
          bool Ne = (Op == BO_NE && Truth) || (Op == BO_EQ && !Truth);
          if (Eq || Ne) {
            if (X->getType()->isPointerType() && *C == 0)
              Note = "assuming " + Name + (Eq ? " is null" : " is non-null");
            else
              Note = "assuming " + Name + (Eq ? " is " : " is not ") +
                     std::to_string(*C);
          } else {
            Note = relNote(Name, Op, Truth, *C);
          }
          return true;
        }
        if (!Name.empty() && Op != BO_EQ && Op != BO_NE) {
          Note = relNote(Name, Op, Truth, *C);
          return true;
        }
      }
    }
  }
  if (auto V = valueOf(E, S)) {
    auto It = S.Vals.find(*V);
    if (It != S.Vals.end() && It->second.St != Status::Param &&
        Eng.acquirerAt(It->second.Acq)->Failure == FailureValue::ErrorCode) {
      // `if (rc)`, `if (pthread_create(...))`: true on failure.
      It->second.Null = Truth ? Nullness::Null : Nullness::NonNull;
      std::string Name = describe(E, Ctx);
      if (!Name.empty())
        Note = "assuming " + Name + (Truth ? " is an error code" : " is 0");
      return true;
    }
    if (It != S.Vals.end() && It->second.St != Status::Param &&
        E->getType()->isPointerType()) {
      const Acquirer *A = Eng.acquirerAt(It->second.Acq);
      if (!Truth && A->Failure == FailureValue::None)
        return false;
      It->second.Null = Truth ? Nullness::NonNull : Nullness::Null;
    }
    std::string Name = describe(E, Ctx);
    if (!Name.empty())
      Note = "assuming " + Name + (Truth ? " is non-null" : " is null");
    return true;
  }
  if (const ValueDecl *A = atomOf(E)) {
    if (isRelevantAtom(A) || isa<ParmVarDecl>(A) ||
        !cast<VarDecl>(A)->hasLocalStorage())
      S.Cons[ConsKey{A, BO_EQ, 0}] = !Truth;
    std::string Name = "'" + A->getNameAsString() + "'";
    QualType T = A->getType();
    if (T->isPointerType())
      Note = "assuming " + Name + (Truth ? " is non-null" : " is null");
    else if (T->isBooleanType())
      Note = "assuming " + Name + (Truth ? " is true" : " is false");
    else
      Note = "assuming " + Name + (Truth ? " is not 0" : " is 0");
    return true;
  }
  Note = "assuming the condition is " + std::string(Truth ? "true" : "false");
  return true;
}

// ======================================================================= walk

bool FunctionAnalysis::run() {
  const Stmt *Body = FD->getBody();
  if (!Body)
    return false;
  CFG::BuildOptions BO;
  BO.AddImplicitDtors = true;
  BO.AddLifetime = true;
  BO.AddInitializers = true;
  BO.AddTemporaryDtors = true;
  BO.setAllAlwaysAdd();
  Cfg = CFG::buildCFG(FD, const_cast<Stmt *>(Body), &Ctx, BO);
  if (!Cfg)
    return false;
  PM = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  // Constructor initializers are evaluated before the body: their
  // expressions end at the CFGInitializer element, not at their own.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Expr *IE = Init->getInit()) {
        PM->addStmt(IE);
        InitRoots.insert(IE);
      }
  Sum.Params.assign(FD->getNumParams(), ParamEffect::Read);

  for (const CFGBlock *B : *Cfg)
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
      TryDispatch[Try] = B;
  // Atoms worth remembering constraints on: variables tested in more than
  // one condition (or written and tested: loop counters, flags).
  for (const CFGBlock *B : *Cfg) {
    const Stmt *Cond = B->getTerminatorCondition();
    if (const auto *SW = dyn_cast_or_null<SwitchStmt>(B->getTerminatorStmt()))
      Cond = SW->getCond();
    if (!Cond)
      continue;
    llvm::SmallVector<const Stmt *, 8> Work{Cond};
    while (!Work.empty()) {
      const Stmt *X = Work.pop_back_val();
      if (!X)
        continue;
      if (const auto *DR = dyn_cast<DeclRefExpr>(X))
        if (isa<VarDecl>(DR->getDecl()))
          AtomCount[DR->getDecl()] += 1;
      for (const Stmt *C : X->children())
        Work.push_back(C);
    }
  }
  // Local variables written with constants count as tested twice, so that
  // `int flag = 1; ... if (flag)` and loop counters are tracked.
  for (auto &[VD, N] : AtomCount)
    if (const auto *V = dyn_cast<VarDecl>(VD); V && V->hasLocalStorage())
      N = std::max(N, 2u);
  // Local function pointers with a single known target.
  {
    llvm::DenseMap<const VarDecl *, const FunctionDecl *> Targets;
    llvm::DenseSet<const VarDecl *> Bad;
    auto Note = [&](const VarDecl *V, const Expr *E) {
      const Expr *X = E->IgnoreParenImpCasts();
      if (const auto *UO = dyn_cast<UnaryOperator>(X);
          UO && UO->getOpcode() == UO_AddrOf)
        X = UO->getSubExpr()->IgnoreParenImpCasts();
      const FunctionDecl *T = nullptr;
      if (const auto *DR = dyn_cast<DeclRefExpr>(X))
        T = dyn_cast<FunctionDecl>(DR->getDecl());
      if (!T || (Targets.count(V) && Targets[V] != T))
        Bad.insert(V);
      else
        Targets[V] = T;
    };
    llvm::SmallVector<const Stmt *, 32> Work{Body};
    while (!Work.empty()) {
      const Stmt *X = Work.pop_back_val();
      if (!X)
        continue;
      if (const auto *DS = dyn_cast<DeclStmt>(X))
        for (const Decl *D : DS->decls())
          if (const auto *V = dyn_cast<VarDecl>(D))
            if (V->getType()->isFunctionPointerType() && V->getInit())
              Note(V, V->getInit());
      if (const auto *B = dyn_cast<BinaryOperator>(X); B && B->getOpcode() == BO_Assign)
        if (const auto *DR = dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
          if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
            if (V->getType()->isFunctionPointerType())
              Note(V, B->getRHS());
      for (const Stmt *C : X->children())
        Work.push_back(C);
    }
    for (auto &[V, T] : Targets)
      if (!Bad.count(V) && V->hasLocalStorage())
        FnPtrTargets[V] = T;
  }

  struct Item {
    const CFGBlock *B;
    State S;
    HistPtr H;
  };
  std::set<std::pair<unsigned, State>> Visited;
  std::vector<Item> Work;
  Work.push_back({&Cfg->getEntry(), State{}, nullptr});
  unsigned Steps = 0;
  unsigned Max = Eng.options().MaxSteps;
  const CFGBlock *Exit = &Cfg->getExit();
  // Widening: a block reached again and again (a loop whose counter or
  // line number is known on every turn: `lineno++` next to `if (lineno ==
  // 1)`) forgets the integers it knows, so that the states of its turns
  // meet instead of unrolling the loop until the budget runs out.
  constexpr unsigned WidenAfter = 32;
  std::vector<unsigned> BlockVisits(Cfg->getNumBlockIDs(), 0);
  while (!Work.empty()) {
    Item It = std::move(Work.back());
    Work.pop_back();
    if (++BlockVisits[It.B->getBlockID()] > WidenAfter)
      It.S.Ints.clear(), It.S.Cons.clear();
    if (!Visited.insert({It.B->getBlockID(), It.S}).second)
      continue;
    if (++Steps > Max)
      return false;
    State &S = It.S;
    HistPtr H = It.H;
    bool Alive = true;
    for (const CFGElement &El : *It.B) {
      bool Continues = handleElement(El, S, H);
      for (Fork &F : Forks)
        Work.push_back({F.B, std::move(F.S), std::move(F.H)});
      Forks.clear();
      if (!Continues) {
        Alive = false;
        break;
      }
    }
    if (!Alive)
      continue;
    if (It.B == Exit)
      continue;
    // Values held only by parameters die when the function returns.
    const Stmt *Term = It.B->getTerminatorStmt();
    llvm::SmallVector<std::pair<const CFGBlock *, bool>, 2> Succs;
    for (const CFGBlock::AdjacentBlock &AB : It.B->succs())
      if (const CFGBlock *Succ = AB.getReachableBlock())
        Succs.push_back({Succ, false});
    if (Succs.size() == 1 && Succs[0].first == Exit && !It.B->hasNoReturnElement() &&
        !isa_and_nonnull<CXXThrowExpr>(Term)) {
      std::vector<Loc> Params;
      for (const auto &[L, V] : S.Store)
        if (isa<ParmVarDecl>(L.Base) && isLocal(L))
          Params.push_back(L);
      for (const Loc &L : Params) {
        S.Store.erase(L);
        lose(S, FD->getBody(), LeakCause::ScopeEnd, L.Base, H);
      }
    }
    if (It.B->hasNoReturnElement())
      continue;
    const Expr *Cond = dyn_cast_or_null<Expr>(It.B->getTerminatorCondition());
    // The block that evaluates the right operand of `a || b` (or `&&`) and
    // ends in the if/while: the branch is decided by that operand alone.
    if (Cond && !isa_and_nonnull<BinaryOperator>(Term))
      while (const auto *BO = dyn_cast<BinaryOperator>(Cond->IgnoreParens())) {
        if (!BO->isLogicalOp())
          break;
        Cond = BO->getRHS();
      }
    if (const auto *SW = dyn_cast_or_null<SwitchStmt>(Term)) {
      std::optional<int64_t> V = evalInt(SW->getCond(), S);
      for (const CFGBlock::AdjacentBlock &AB : It.B->succs()) {
        const CFGBlock *Succ = AB.getReachableBlock();
        if (!Succ)
          continue;
        if (V) {
          // Follow only the matching case (or the default).
          bool Match = false, AnyCase = false;
          for (const CFGBlock::AdjacentBlock &AB2 : It.B->succs())
            if (const CFGBlock *S2 = AB2.getReachableBlock())
              if (const auto *CS = dyn_cast_or_null<CaseStmt>(S2->getLabel())) {
                std::optional<int64_t> Lo = nullConstant(CS->getLHS(), Ctx);
                std::optional<int64_t> Hi =
                    CS->getRHS() ? nullConstant(CS->getRHS(), Ctx) : Lo;
                if (Lo && Hi && *V >= *Lo && *V <= *Hi)
                  AnyCase = true;
              }
          if (const auto *CS = dyn_cast_or_null<CaseStmt>(Succ->getLabel())) {
            std::optional<int64_t> Lo = nullConstant(CS->getLHS(), Ctx);
            std::optional<int64_t> Hi =
                CS->getRHS() ? nullConstant(CS->getRHS(), Ctx) : Lo;
            Match = Lo && Hi && *V >= *Lo && *V <= *Hi;
          } else {
            Match = !AnyCase; // default label, or past the switch
          }
          if (!Match)
            continue;
        }
        HistPtr NH = H;
        if (const ObligationHooks *Hooks = Eng.hooks();
            Hooks && !V && Succ->getLabel() && It.B->succ_size() > 1)
          if (std::string HN = Hooks->branchNote(Succ->getLabel(), true);
              !HN.empty())
            NH = std::make_shared<Hist>(Hist{H, false, 0,
                                             Succ->getLabel()->getBeginLoc(),
                                             std::move(HN), SW, true});
        Work.push_back({Succ, S, NH});
      }
      continue;
    }
    if (Cond && It.B->succ_size() == 2 && !isa_and_nonnull<CXXForRangeStmt>(Term)) {
      const CFGBlock *Branches[2] = {nullptr, nullptr};
      unsigned Idx = 0;
      for (const CFGBlock::AdjacentBlock &AB : It.B->succs())
        Branches[Idx++] = AB.getReachableBlock();
      bool IsLoop = isa_and_nonnull<ForStmt>(Term) || isa_and_nonnull<WhileStmt>(Term) ||
                    isa_and_nonnull<DoStmt>(Term);
      // Push the false branch first so that the true branch is explored
      // first (depth-first): its witness is the natural reading order.
      for (int Br = 1; Br >= 0; --Br) {
        if (!Branches[Br])
          continue;
        State NS = S;
        std::string Note;
        bool Undecided = false;
        NoteAt = nullptr;
        if (!assume(Cond, Br == 0, NS, Note, Undecided))
          continue;
        HistPtr NH = H;
        if (Undecided) {
          if (IsLoop)
            Note = Br == 0 ? "entering the loop body" : "assuming the loop condition is false";
          if (const ObligationHooks *Hooks = Eng.hooks())
            if (std::string HN = Hooks->branchNote(Cond, Br == 0); !HN.empty()) {
              Note = std::move(HN);
              NoteAt = Cond;
            }
          if (Note.empty())
            Note = "assuming the condition is " + std::string(Br == 0 ? "true" : "false");
          NH = std::make_shared<Hist>(
              Hist{H, false, 0, (NoteAt ? NoteAt : Cond)->getBeginLoc(),
                   std::move(Note), Term});
        } else if (const ObligationHooks *Hooks = Eng.hooks();
                   Hooks && Branches[0] && Branches[1]) {
          // Hook obligations: a branch the engine decided (a counter, a
          // variable written in between) explains the path too.
          if (std::string HN = Hooks->branchNote(Cond, Br == 0); !HN.empty())
            NH = std::make_shared<Hist>(Hist{H, false, 0, Cond->getBeginLoc(),
                                             std::move(HN), Term, true});
        }
        Work.push_back({Branches[Br], std::move(NS), NH});
      }
      continue;
    }
    for (auto It2 = Succs.rbegin(); It2 != Succs.rend(); ++It2)
      Work.push_back({It2->first, S, H});
  }
  return true;
}

std::vector<Finding> FunctionAnalysis::findings() {
  std::vector<Finding> Out;
  bool InMain = FD->isMain() && Eng.options().IgnoreLeaksInMain;
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

FunctionSummary FunctionAnalysis::takeSummary() {
  if (SawReturn && !ReturnsVary)
    Sum.ReturnsConstant = RetConst;
  if (SawReturn && !RetParamVaries)
    Sum.ReturnsParam = RetParam;
  if (Sum.ReturnsAcquirer)
    Sum.ReturnsAcquirerName = Eng.acquirerAt(*Sum.ReturnsAcquirer)->Name;
  return std::move(Sum);
}

// A syntactic pass for what the path walk does not see: globals written and
// exceptions thrown, here and (through their summaries) in callees.
class SideEffectScan : public RecursiveASTVisitor<SideEffectScan> {
public:
  SideEffectScan(OwnershipEngine &E, FunctionSummary &S) : Eng(E), Sum(S) {}
  bool shouldVisitLambdaBodies() const { return false; }
  void global(const Expr *E) {
    E = E->IgnoreParenCasts();
    while (const auto *ME = dyn_cast<MemberExpr>(E))
      E = ME->getBase()->IgnoreParenCasts();
    while (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      E = AS->getBase()->IgnoreParenCasts();
    if (const auto *DR = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
        if (!VD->hasLocalStorage())
          Sum.WritesGlobals.push_back(VD->getCanonicalDecl());
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      global(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      global(U->getSubExpr());
    return true;
  }
  bool VisitCXXThrowExpr(CXXThrowExpr *T) {
    if (!TryDepth)
      Sum.MayThrow = Sum.ThrowsItself = true;
    return true;
  }
  bool TraverseCXXTryStmt(CXXTryStmt *T) {
    ++TryDepth;
    TraverseStmt(T->getTryBlock());
    --TryDepth;
    for (unsigned I = 0; I < T->getNumHandlers(); ++I)
      TraverseStmt(T->getHandler(I));
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee) {
      Sum.WritesUnknownGlobals = true;
      return true;
    }
    if (Eng.hasUsableBody(Callee)) {
      const FunctionSummary &CS = Eng.summary(Callee);
      if (CS.MayThrow && !TryDepth)
        Sum.MayThrow = true;
      Sum.WritesUnknownGlobals |= CS.WritesUnknownGlobals;
      Sum.WritesGlobals.insert(Sum.WritesGlobals.end(), CS.WritesGlobals.begin(),
                               CS.WritesGlobals.end());
    }
    // Functions the TU cannot see are assumed not to write our globals:
    // that assumption is what keeps a flag tested twice consistent.
    return true;
  }

private:
  OwnershipEngine &Eng;
  FunctionSummary &Sum;
  unsigned TryDepth = 0;
};

class GlobalWriteScan : public RecursiveASTVisitor<GlobalWriteScan> {
public:
  explicit GlobalWriteScan(llvm::DenseSet<const VarDecl *> &W) : W(W) {}
  void note(const Expr *E) {
    E = E->IgnoreParenCasts();
    while (true) {
      if (const auto *ME = dyn_cast<MemberExpr>(E))
        E = ME->getBase()->IgnoreParenCasts();
      else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
        E = AS->getBase()->IgnoreParenCasts();
      else
        break;
    }
    if (const auto *DR = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
        if (!VD->hasLocalStorage())
          W.insert(VD->getCanonicalDecl());
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      note(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp() || U->getOpcode() == UO_AddrOf)
      note(U->getSubExpr());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    // A non-const reference bound to it may write it.
    return true;
  }

private:
  llvm::DenseSet<const VarDecl *> &W;
};

} // namespace

// ===================================================================== engine

OwnershipEngine::OwnershipEngine(ASTContext &Ctx, const ResourceModel &Model,
                                 EngineOptions Opts,
                                 const ObligationHooks *Hooks)
    : Ctx(Ctx), Model(Model), Opts(Opts), Hooks(Hooks) {}

OwnershipEngine::~OwnershipEngine() = default;

unsigned OwnershipEngine::acquirerIndex(const Acquirer *A) {
  if (Model.owns(A))
    return Model.indexOf(A);
  auto It = llvm::find(HookAcquirers, A);
  unsigned K = It - HookAcquirers.begin();
  if (It == HookAcquirers.end())
    HookAcquirers.push_back(A);
  return Model.size() + K;
}

const Acquirer *OwnershipEngine::acquirerAt(unsigned I) const {
  if (I < Model.size())
    return Model.acquirerByIndex(I);
  return HookAcquirers[I - Model.size()];
}

bool OwnershipEngine::hasUsableBody(const FunctionDecl *FD) const {
  if (!FD || !FD->hasBody())
    return false;
  const FunctionDecl *Def = nullptr;
  FD->hasBody(Def);
  if (!Def || Def->isDependentContext() || Def->isVariadic())
    return false;
  return !isStdOrSystem(Def, Ctx.getSourceManager());
}

bool OwnershipEngine::isWrittenInTU(const VarDecl *VD) {
  if (!WrittenGlobals) {
    WrittenGlobals = std::make_unique<llvm::DenseSet<const VarDecl *>>();
    GlobalWriteScan Scan(*WrittenGlobals);
    // Only the code in scope (clangd narrows it to the main file) outside
    // system headers: walking the whole TU would deserialize every inline
    // body of a precompiled header or clangd's preamble, which cost more
    // than the analysis itself.
    const SourceManager &SM = Ctx.getSourceManager();
    for (Decl *Scope : Ctx.getTraversalScope()) {
      const auto *TU = dyn_cast<TranslationUnitDecl>(Scope);
      if (!TU) {
        Scan.TraverseDecl(Scope);
        continue;
      }
      for (Decl *Top : TU->decls())
        if (!SM.isInSystemHeader(SM.getExpansionLoc(Top->getLocation())))
          Scan.TraverseDecl(Top);
    }
  }
  return WrittenGlobals->count(VD->getCanonicalDecl());
}

const FunctionSummary &OwnershipEngine::summary(const FunctionDecl *FD) {
  const FunctionDecl *Def = nullptr;
  FD->hasBody(Def);
  if (!Def)
    Def = FD;
  auto It = Summaries.find(Def);
  if (It != Summaries.end())
    return *It->second;
  if (InProgress.count(Def)) {
    // Recursion: the caller sees a conservative summary for now.
    auto &Slot = Summaries[Def];
    Slot = std::make_unique<FunctionSummary>(FunctionSummary::conservative(Def));
    return *Slot;
  }
  InProgress.insert(Def);
  FunctionSummary Result;
  {
    FunctionAnalysis A(*this, Def, /*Summary=*/true);
    bool Ok = A.run();
    Result = Ok ? A.takeSummary() : FunctionSummary::conservative(Def);
  }
  SideEffectScan Scan(*this, Result);
  Scan.TraverseStmt(Def->getBody());
  llvm::sort(Result.WritesGlobals);
  Result.WritesGlobals.erase(
      std::unique(Result.WritesGlobals.begin(), Result.WritesGlobals.end()),
      Result.WritesGlobals.end());
  InProgress.erase(Def);
  auto &Slot = Summaries[Def];
  Slot = std::make_unique<FunctionSummary>(std::move(Result));
  SummaryOrder.push_back(Def);
  return *Slot;
}

std::vector<Finding> OwnershipEngine::analyze(const FunctionDecl *FD) {
  OverBudget = false;
  FunctionAnalysis A(*this, FD, /*Summary=*/false);
  if (!A.run()) {
    OverBudget = true;
    return {};
  }
  return A.findings();
}

void OwnershipEngine::exportSummaries(llvm::raw_ostream &OS) const {
  for (const FunctionDecl *FD : SummaryOrder) {
    auto It = Summaries.find(FD);
    if (It == Summaries.end())
      continue;
    It->second->toJSON(FD, OS);
    OS << "\n";
  }
}

} // namespace clang::tidy::leaklint::ownership

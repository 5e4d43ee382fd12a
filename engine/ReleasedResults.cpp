//===--- ReleasedResults.cpp - calls whose result the caller frees -------===//

#include "ReleasedResults.h"
#include "AstHelpers.h"
#include "Comparisons.h"
#include "HookTargets.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leaklint::ownership::detail {

const Decl *calleeIdentity(const CallExpr *CE) {
  if (const FunctionDecl *F = CE->getDirectCallee())
    return F->getCanonicalDecl();
  return hookCalledBy(CE);
}

namespace {
/// A condition that chooses whether a statement runs, and the way it went.
struct Choice {
  const Stmt *Cond;
  enum { Then, Else, Case } Taken;
};

/// A call given a local pointer as its first argument (a release, maybe),
/// with the conditions that decide whether it runs.
struct FirstArgCall {
  const CallExpr *Call;
  llvm::SmallVector<Choice, 2> Choices;
};

/// A local pointer: the calls stored in it, whether anything else is,
/// the calls given it first (whether they release it is asked only of
/// the locals the rules may take: asking a summary is not free), and
/// whether its address is taken.
struct LocalUse {
  llvm::SmallVector<const CallExpr *, 2> Calls;
  bool Other = false, AddressTaken = false;
  llvm::SmallVector<FirstArgCall, 2> GivenFirst;
  /// The calls given its address (`get(&p)`), with the argument, and
  /// whether one is made in a loop.
  llvm::SmallVector<std::pair<const CallExpr *, unsigned>, 2> OutCalls;
  bool OutCallInLoop = false;
};

class LocalScan : public RecursiveASTVisitor<LocalScan> {
public:
  explicit LocalScan(ASTContext &Ctx) : Ctx(Ctx) {}

  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit(); Init && isLocalPointer(VD))
      stored(VD, Init);
    else if (Init && VD->hasLocalStorage())
      storedStatus(VD, Init);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign) {
      if (const VarDecl *V = localNamedBy(BO->getLHS()))
        stored(V, BO->getRHS());
      else if (const VarDecl *R = namedLocal(BO->getLHS()->IgnoreParens()))
        storedStatus(R, BO->getRHS());
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() == UO_AddrOf && !GivenToCalls.count(UO))
      if (const VarDecl *V = localNamedBy(UO->getSubExpr()))
        Uses[V].AddressTaken = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (CE->getNumArgs() > 0)
      if (const VarDecl *V = localNamedBy(CE->getArg(0)))
        Uses[V].GivenFirst.push_back(
            {CE, llvm::SmallVector<Choice, 2>(Choices.begin(), Choices.end())});
    // `get(&p)`: the address of a local pointer given to the call.
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const auto *UO = dyn_cast<UnaryOperator>(CE->getArg(I)->IgnoreParens());
      if (!UO || UO->getOpcode() != UO_AddrOf)
        continue;
      if (const VarDecl *V = localNamedBy(UO->getSubExpr())) {
        GivenToCalls.insert(UO);
        LocalUse &U = Uses[V];
        U.OutCalls.push_back({CE, I});
        U.OutCallInLoop |= Loops > 0;
      }
    }
    return true;
  }
  // A call in a loop, its head included (`while (get(&p) == 0)`).
  bool TraverseWhileStmt(WhileStmt *S) {
    LoopScope In(Loops);
    return RecursiveASTVisitor::TraverseWhileStmt(S);
  }
  bool TraverseDoStmt(DoStmt *S) {
    LoopScope In(Loops);
    return RecursiveASTVisitor::TraverseDoStmt(S);
  }
  bool TraverseForStmt(ForStmt *S) {
    LoopScope In(Loops);
    return RecursiveASTVisitor::TraverseForStmt(S);
  }
  // The conditions that choose whether a statement runs. A release that
  // only runs on some other condition than a test of the pointer
  // (`if (type != TIME) free(value)`) does not say that every result is
  // the caller's.
  bool TraverseIfStmt(IfStmt *S) {
    for (Stmt *Head : {S->getInit(), static_cast<Stmt *>(S->getConditionVariableDeclStmt()),
                       static_cast<Stmt *>(S->getCond())})
      if (Head && !TraverseStmt(Head))
        return false;
    Choices.push_back({S->getCond(), Choice::Then});
    bool Go = TraverseStmt(S->getThen());
    Choices.back().Taken = Choice::Else;
    Go = Go && TraverseStmt(S->getElse());
    Choices.pop_back();
    return Go;
  }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    if (!TraverseStmt(S->getCond()))
      return false;
    Choices.push_back({S->getCond(), Choice::Case});
    bool Go = TraverseStmt(S->getBody());
    Choices.pop_back();
    return Go;
  }

  llvm::DenseMap<const VarDecl *, LocalUse> Uses;
  /// The calls whose result each local other than a pointer holds (`rv =
  /// get(&p)`): the status of a call that answers through an address.
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const CallExpr *, 2>>
      Statuses;

private:
  struct LoopScope {
    explicit LoopScope(unsigned &N) : N(N) { ++N; }
    ~LoopScope() { --N; }
    unsigned &N;
  };
  void storedStatus(const VarDecl *R, const Expr *E) {
    if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
      Statuses[R].push_back(CE);
  }
  static bool isLocalPointer(const VarDecl *VD) {
    return VD->hasLocalStorage() && !isa<ParmVarDecl>(VD) &&
           VD->getType()->isPointerType();
  }
  static const VarDecl *localNamedBy(const Expr *E) {
    const VarDecl *V = namedLocal(E->IgnoreParenCasts());
    return V && isLocalPointer(V) ? V : nullptr;
  }
  void stored(const VarDecl *V, const Expr *E) {
    E = E->IgnoreParenCasts();
    LocalUse &U = Uses[V];
    if (nullConstant(E, Ctx) == 0)
      return;
    if (const auto *CE = dyn_cast<CallExpr>(E))
      U.Calls.push_back(CE);
    else
      U.Other = true;
  }

  ASTContext &Ctx;
  llvm::SmallVector<Choice, 4> Choices;
  llvm::SmallPtrSet<const UnaryOperator *, 8> GivenToCalls;
  unsigned Loops = 0;
};

/// Whether the call is given an address of something (`&must_free`): a
/// callee that answers through it may say who owns the result.
bool givenAnAddress(const CallExpr *CE) {
  for (const Expr *Arg : CE->arguments())
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenCasts());
        UO && UO->getOpcode() == UO_AddrOf)
      return true;
  return false;
}
/// Whether the call is given the pointer it is stored into (`list =
/// xreallocarray(list, n, size)`): it may give back the same block, grown.
bool givenLocal(const CallExpr *CE, const VarDecl *V) {
  return llvm::any_of(CE->arguments(), [&](const Expr *Arg) {
    return namedLocal(Arg->IgnoreParenCasts()) == V;
  });
}
/// Whether \p S names the status of \p CE: the call itself, or a local
/// that holds its result.
bool namesStatus(const Stmt *S, const CallExpr *CE,
                 const LocalScan &Scan) {
  if (S == CE)
    return true;
  const VarDecl *R = namedLocal(S);
  auto It = R ? Scan.Statuses.find(R) : Scan.Statuses.end();
  return It != Scan.Statuses.end() && llvm::is_contained(It->second, CE);
}
/// What \p E is when the status of \p CE is 0 (the call succeeded), as
/// far as tests of that status say.
Tri whenStatusIsZero(const Expr *E, const CallExpr *CE, const LocalScan &Scan,
                     ASTContext &Ctx) {
  E = testedCondition(E)->IgnoreParenImpCasts();
  if (namesStatus(E, CE, Scan))
    return Tri::False;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_LNot) {
    Tri T = whenStatusIsZero(UO->getSubExpr(), CE, Scan, Ctx);
    return T == Tri::Unknown ? T : T == Tri::True ? Tri::False : Tri::True;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO)
    return Tri::Unknown;
  if (BO->getOpcode() == BO_LAnd || BO->getOpcode() == BO_LOr) {
    Tri L = whenStatusIsZero(BO->getLHS(), CE, Scan, Ctx);
    Tri R = whenStatusIsZero(BO->getRHS(), CE, Scan, Ctx);
    Tri Decides = BO->getOpcode() == BO_LAnd ? Tri::False : Tri::True;
    if (L == Decides || R == Decides)
      return Decides;
    return L == R ? L : Tri::Unknown;
  }
  if (!BO->isComparisonOp())
    return Tri::Unknown;
  const Expr *L = BO->getLHS()->IgnoreParenImpCasts();
  const Expr *R = BO->getRHS()->IgnoreParenImpCasts();
  BinaryOperatorKind Op = BO->getOpcode();
  if (!namesStatus(L, CE, Scan)) {
    std::swap(L, R);
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (!namesStatus(L, CE, Scan))
    return Tri::Unknown;
  std::optional<llvm::APSInt> C = R->getIntegerConstantExpr(Ctx);
  return C ? compareExactly(Op, 0, C->getExtValue()) : Tri::Unknown;
}

/// Whether \p S leaves the function (`return;`, `{ log(..); return -1; }`):
/// the branch of a failure, which reaches no release (a `goto out` may
/// reach the one at `out:`).
bool exitsEarly(const Stmt *S) {
  if (const auto *CS = dyn_cast_or_null<CompoundStmt>(S))
    S = CS->body_empty() ? nullptr : CS->body_back();
  return isa_and_nonnull<ReturnStmt>(S);
}

/// How \p FD tests the status of \p CE: by its sign (`rv < 0`), by zero
/// alone (`if (!rv)`, `rv != 0`), or not at all. Tested by zero alone, 0 is
/// success (`if (!rv) { .. release(p); }`) unless the function gives up
/// where it is 0 (`if (!read_msg(t, &msg, &len)) return;`, the result of a
/// call that says whether it worked) and releases where no test of the
/// status decides (\p ReleasedAnyway; not `if (!parse(.., &err)) {
/// free(err); return 1; }`, an error message delivered on failure).
std::optional<FailureValue> statusConvention(const FunctionDecl *FD,
                                             const CallExpr *CE,
                                             const LocalScan &Scan,
                                             ASTContext &Ctx,
                                             bool ReleasedAnyway) {
  std::optional<FailureValue> Seen;
  bool GivesUpAtZero = false;
  forEachNode(FD->getBody(), [&](const Stmt *X) {
    if (const auto *If = dyn_cast<IfStmt>(X);
        ReleasedAnyway && If && exitsEarly(If->getThen()) &&
        whenStatusIsZero(If->getCond(), CE, Scan, Ctx) == Tri::True)
      GivesUpAtZero = true;
    auto Names = [&](const Expr *E) {
      return namesStatus(E->IgnoreParenImpCasts(), CE, Scan);
    };
    // A sign test compares the status with a constant (`rv < 0`); `i < nr`
    // counts the entries a count delivered.
    auto Constant = [&](const Expr *E) {
      return E->IgnoreParenImpCasts()->isIntegerConstantExpr(Ctx);
    };
    if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      if (BO->isRelationalOp() &&
          ((Names(BO->getLHS()) && Constant(BO->getRHS())) ||
           (Names(BO->getRHS()) && Constant(BO->getLHS()))))
        Seen = FailureValue::NegativeErrorCode;
      else if (BO->isEqualityOp() && !Seen &&
               (Names(BO->getLHS()) || Names(BO->getRHS())))
        Seen = FailureValue::ErrorCode;
    } else if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
      if (UO->getOpcode() == UO_LNot && !Seen && Names(UO->getSubExpr()))
        Seen = FailureValue::ErrorCode;
    } else if (const auto *If = dyn_cast<IfStmt>(X)) {
      if (!Seen && Names(If->getCond()))
        Seen = FailureValue::ErrorCode;
    }
  });
  if (Seen == FailureValue::ErrorCode && GivesUpAtZero && ReleasedAnyway)
    return FailureValue::Null;
  // An unsigned status is never negative: compared with a constant
  // (`if (unserialize(buf, len, &p) <= 0)`), it is a size or a count, 0
  // when nothing was delivered.
  if (Seen == FailureValue::NegativeErrorCode &&
      CE->getCallReturnType(Ctx)->isUnsignedIntegerType())
    return FailureValue::Null;
  return Seen;
}
/// Whether parameter \p I of what \p CE calls is a pointer to a pointer
/// the callee may write (`T **`).
bool writesPointerThrough(const CallExpr *CE, unsigned I) {
  const auto *FT =
      CE->getCallee()->getType()->getPointeeOrArrayElementType()
          ->getAs<FunctionProtoType>();
  if (!FT)
    if (const FunctionDecl *F = CE->getDirectCallee())
      FT = F->getType()->getAs<FunctionProtoType>();
  if (!FT || I >= FT->getNumParams())
    return false;
  QualType P = FT->getParamType(I);
  return P->isPointerType() && !P->getPointeeType().isConstQualified() &&
         P->getPointeeType()->isPointerType();
}
} // namespace

llvm::DenseMap<const CallExpr *, FreedOutput>
outputsFreedBy(const FunctionDecl *FD, ASTContext &Ctx,
               llvm::function_ref<bool(const CallExpr *, unsigned)> Unknown,
               llvm::function_ref<bool(const CallExpr *)> FreesMemory) {
  llvm::DenseMap<const CallExpr *, FreedOutput> Out;
  if (!FD->getBody())
    return Out;
  LocalScan Scan(Ctx);
  Scan.TraverseStmt(FD->getBody());
  for (const auto &Use : Scan.Uses) {
    const VarDecl *V = Use.first;
    const LocalUse &U = Use.second;
    if (U.GivenFirst.empty() || U.OutCalls.size() != 1 || U.OutCallInLoop ||
        U.AddressTaken || U.Other || !U.Calls.empty())
      continue;
    const CallExpr *CE = U.OutCalls.front().first;
    unsigned Arg = U.OutCalls.front().second;
    if (!writesPointerThrough(CE, Arg))
      continue;
    llvm::SmallVector<Choice, 4> ReleaseChoices;
    bool Released = false;
    for (const FirstArgCall &G : U.GivenFirst)
      if (FreesMemory(G.Call)) {
        Released = true;
        ReleaseChoices.append(G.Choices.begin(), G.Choices.end());
      }
    if (!Released || !Unknown(CE, Arg))
      continue;
    // Released where only a test of the pointer or of the call's status
    // decides (`if (!rv) { .. free(p); }`), and on the way a status of 0
    // goes: not `if (get(&p, &err) != 0) { .. free(err); }`, an error
    // message delivered when the call fails.
    bool ReleasedOnStatus = false;
    bool Decided = llvm::all_of(ReleaseChoices, [&](const Choice &C) {
      bool Status = false;
      forEachNode(C.Cond, [&](const Stmt *X) {
        Status = Status || namesStatus(X, CE, Scan);
      });
      if (!Status)
        return mentionsLocal(C.Cond, V);
      ReleasedOnStatus = true;
      Tri AtZero = whenStatusIsZero(cast<Expr>(C.Cond), CE, Scan, Ctx);
      return C.Taken == Choice::Then   ? AtZero != Tri::False
             : C.Taken == Choice::Else ? AtZero != Tri::True
                                       : false;
    });
    if (!Decided)
      continue;
    if (std::optional<FailureValue> F =
            statusConvention(FD, CE, Scan, Ctx, !ReleasedOnStatus))
      Out[CE] = FreedOutput{Arg, *F};
  }
  return Out;
}

llvm::DenseSet<const CallExpr *>
resultsFreedBy(const FunctionDecl *FD, ASTContext &Ctx,
               llvm::function_ref<bool(const CallExpr *)> Unknown,
               llvm::function_ref<bool(const CallExpr *)> FreesMemory) {
  llvm::DenseSet<const CallExpr *> Out;
  if (!FD->getBody())
    return Out;
  LocalScan Scan(Ctx);
  Scan.TraverseStmt(FD->getBody());
  for (const auto &Use : Scan.Uses) {
    const VarDecl *V = Use.first;
    const auto &U = Use.second;
    if (U.Other || U.AddressTaken || !U.OutCalls.empty() || U.Calls.empty())
      continue;
    // Freed where no condition but a test of the pointer decides.
    bool Freed = llvm::any_of(U.GivenFirst, [&](const FirstArgCall &G) {
      return FreesMemory(G.Call) &&
             llvm::all_of(G.Choices, [&](const Choice &C) {
               return mentionsLocal(C.Cond, V);
             });
    });
    if (!Freed)
      continue;
    const Decl *Callee = calleeIdentity(U.Calls.front());
    bool Usable = Callee && llvm::all_of(U.Calls, [&](const CallExpr *CE) {
      QualType R = CE->getCallReturnType(Ctx);
      return calleeIdentity(CE) == Callee && R->isPointerType() &&
             !R->getPointeeType().isConstQualified() && !givenAnAddress(CE) &&
             !givenLocal(CE, V) && Unknown(CE);
    });
    if (Usable)
      Out.insert(U.Calls.begin(), U.Calls.end());
  }
  return Out;
}

} // namespace clang::tidy::leaklint::ownership::detail

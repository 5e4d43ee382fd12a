//===--- FunctionFacts.cpp - what the engine reads off a body first ------===//

#include "FunctionFacts.h"
#include "AstHelpers.h"
#include "ConstantTables.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/SmallVector.h"
#include <algorithm>
#include <map>

namespace clang::tidy::leaklint::ownership::detail {

llvm::DenseMap<const Stmt *, const CFGBlock *> tryDispatchBlocks(const CFG &G) {
  llvm::DenseMap<const Stmt *, const CFGBlock *> Dispatch;
  for (const CFGBlock *B : G)
    if (const auto *Try = dyn_cast_or_null<CXXTryStmt>(B->getTerminatorStmt()))
      Dispatch[Try] = B;
  return Dispatch;
}

llvm::DenseMap<const Stmt *, llvm::BitVector> loopBodies(const CFG &G) {
  llvm::DenseMap<const Stmt *, const CFGBlock *> Heads;
  for (const CFGBlock *B : G)
    if (const Stmt *T = B->getTerminatorStmt();
        isa_and_nonnull<ForStmt, WhileStmt>(T))
      Heads[T] = B;
  llvm::DenseMap<const Stmt *, llvm::BitVector> Bodies;
  for (const CFGBlock *B : G) {
    // The block that comes round again: `continue`, the end of the body,
    // the increment of a `for`.
    const Stmt *Loop = B->getLoopTarget();
    auto Head = Loop ? Heads.find(Loop) : Heads.end();
    if (Head == Heads.end())
      continue;
    llvm::BitVector &Body = Bodies[Loop];
    Body.resize(G.getNumBlockIDs());
    Body.set(Head->second->getBlockID());
    // Backwards from it to the test: the blocks of one turn.
    llvm::SmallVector<const CFGBlock *, 16> Work{B};
    while (!Work.empty()) {
      const CFGBlock *X = Work.pop_back_val();
      if (Body.test(X->getBlockID()))
        continue;
      Body.set(X->getBlockID());
      for (const CFGBlock::AdjacentBlock &P : X->preds())
        if (const CFGBlock *PB = P.getReachableBlock())
          Work.push_back(PB);
    }
  }
  return Bodies;
}

namespace {
/// Calls \p F on every node of the branch conditions of \p G (and, with
/// \p Switches, of the conditions of `switch` statements).
template <typename Fn>
void forEachConditionNode(const CFG &G, bool Switches, Fn F) {
  for (const CFGBlock *B : G) {
    const Stmt *Cond = B->getTerminatorCondition();
    if (const auto *SW = dyn_cast_or_null<SwitchStmt>(B->getTerminatorStmt());
        SW && Switches)
      Cond = SW->getCond();
    if (!Cond)
      continue;
    llvm::SmallVector<const Stmt *, 8> Work{Cond};
    while (!Work.empty()) {
      const Stmt *X = Work.pop_back_val();
      if (!X)
        continue;
      F(X);
      for (const Stmt *C : X->children())
        Work.push_back(C);
    }
  }
}
} // namespace

llvm::DenseSet<const FieldDecl *> conditionFields(const CFG &G) {
  llvm::DenseSet<const FieldDecl *> Fields;
  forEachConditionNode(G, /*Switches=*/true, [&](const Stmt *X) {
    if (const auto *ME = dyn_cast<MemberExpr>(X))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        Fields.insert(F);
  });
  return Fields;
}

llvm::DenseMap<const ValueDecl *, unsigned> conditionAtoms(const CFG &G) {
  llvm::DenseMap<const ValueDecl *, unsigned> AtomCount;
  forEachConditionNode(G, /*Switches=*/true, [&](const Stmt *X) {
    if (const auto *DR = dyn_cast<DeclRefExpr>(X))
      if (isa<VarDecl>(DR->getDecl()))
        AtomCount[DR->getDecl()] += 1;
  });
  // Local variables written with constants count as tested twice, so that
  // `int flag = 1; ... if (flag)` and loop counters are tracked.
  for (auto &[VD, N] : AtomCount)
    if (const auto *V = dyn_cast<VarDecl>(VD); V && V->hasLocalStorage())
      N = std::max(N, 2u);
  // So does a local copied into one of them (`next = NULL; ... ptr =
  // next;` where `while (ptr)`): what the test reads comes from it.
  llvm::SmallVector<std::pair<const VarDecl *, const VarDecl *>, 8> Copies;
  for (const CFGBlock *B : G)
    for (const CFGElement &El : *B)
      if (auto CS = El.getAs<CFGStmt>())
        if (const auto *BO = dyn_cast<BinaryOperator>(CS->getStmt());
            BO && BO->getOpcode() == BO_Assign) {
          const auto *L = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens());
          const auto *R =
              dyn_cast<DeclRefExpr>(BO->getRHS()->IgnoreParenImpCasts());
          const auto *LV = L ? dyn_cast<VarDecl>(L->getDecl()) : nullptr;
          const auto *RV = R ? dyn_cast<VarDecl>(R->getDecl()) : nullptr;
          if (LV && RV && LV->hasLocalStorage() && RV->hasLocalStorage())
            Copies.push_back({LV, RV});
        }
  for (bool Grew = true; Grew;) {
    Grew = false;
    for (auto [To, From] : Copies)
      if (AtomCount.lookup(To) >= 2 && AtomCount.lookup(From) < 2) {
        AtomCount[From] = 2;
        Grew = true;
      }
  }
  return AtomCount;
}

/// The integer variable \p E names, if it only names one.
static const VarDecl *integerVariable(const Expr *E) {
  const auto *DR = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  return V && V->getType()->isIntegralOrEnumerationType() ? V : nullptr;
}

const VarDecl *queryVariable(const Expr *E, ASTContext &Ctx) {
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() != BO_And || BO->isValueDependent())
      return nullptr;
    for (int Turn = 0; Turn < 2; ++Turn) {
      const Expr *Var = Turn ? BO->getRHS() : BO->getLHS();
      const Expr *Mask = Turn ? BO->getLHS() : BO->getRHS();
      if (const VarDecl *V = integerVariable(Var);
          V && Mask->isEvaluatable(Ctx))
        return V;
    }
    return nullptr;
  }
  const auto *CE = dyn_cast<CallExpr>(E);
  if (!CE)
    return nullptr;
  const FunctionDecl *F = CE->getDirectCallee();
  if (!F || F->isVariadic() || F->getNumParams() == 0 ||
      F->getNumParams() != CE->getNumArgs() || isa<CXXMethodDecl>(F) ||
      !F->getReturnType()->isIntegralOrEnumerationType())
    return nullptr;
  for (const ParmVarDecl *P : F->parameters()) {
    QualType T = P->getType();
    if ((T->isPointerType() && !T->getPointeeType().isConstQualified()) ||
        T->isReferenceType() || T->isRecordType())
      return nullptr;
  }
  const VarDecl *Var = nullptr;
  for (const Expr *Arg : CE->arguments()) {
    const Expr *A = Arg->IgnoreParenImpCasts();
    if (isa<StringLiteral>(A) || isa<CharacterLiteral>(A) ||
        (!A->isValueDependent() && A->isEvaluatable(Ctx)))
      continue;
    const auto *DR = dyn_cast<DeclRefExpr>(A);
    const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
    if (!V || (Var && Var != V))
      return nullptr;
    Var = V;
  }
  return Var;
}

llvm::DenseMap<const Expr *, const Expr *> repeatedQueries(const CFG &G,
                                                           ASTContext &Ctx) {
  llvm::DenseMap<const Expr *, const Expr *> Rep;
  std::map<llvm::FoldingSetNodeID, llvm::SmallVector<const Expr *, 2>> Kinds;
  forEachConditionNode(G, /*Switches=*/false, [&](const Stmt *X) {
    if (const auto *E = dyn_cast<Expr>(X); E && queryVariable(E, Ctx)) {
      llvm::FoldingSetNodeID ID;
      E->Profile(ID, Ctx, /*Canonical=*/true);
      auto &Asked = Kinds[ID];
      if (!llvm::is_contained(Asked, E))
        Asked.push_back(E);
    }
  });
  for (const auto &[ID, Asked] : Kinds)
    if (Asked.size() >= 2) {
      // The first in the source stands for all: the same on every run.
      const Expr *First =
          *llvm::min_element(Asked, [&](const Expr *A, const Expr *B) {
            return Ctx.getSourceManager().isBeforeInTranslationUnit(
                A->getBeginLoc(), B->getBeginLoc());
          });
      for (const Expr *E : Asked)
        Rep[E] = First;
    }
  return Rep;
}

llvm::DenseMap<const VarDecl *, const FunctionDecl *>
singleTargetFunctionPointers(const Stmt *Body) {
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
  // `std::function<void(int *)> sink = [](int *d) { ... };` only ever
  // called: its target is the lambda's call operator.
  llvm::DenseMap<const VarDecl *, unsigned> Uses, Calls;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *DS = dyn_cast<DeclStmt>(X))
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          if (V->getType()->isFunctionPointerType() && V->getInit())
            Note(V, V->getInit());
          else if (V->hasLocalStorage() && isStdFunction(V->getType()))
            if (const CXXMethodDecl *Op = lambdaOperatorOf(V->getInit()))
              Targets[V] = Op;
        }
    if (const auto *B = dyn_cast<BinaryOperator>(X);
        B && B->getOpcode() == BO_Assign)
      if (const auto *DR =
              dyn_cast<DeclRefExpr>(B->getLHS()->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
          if (V->getType()->isFunctionPointerType())
            Note(V, B->getRHS());
    if (const auto *DR = dyn_cast<DeclRefExpr>(X))
      if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
        ++Uses[V];
    if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(X);
        OC && OC->getOperator() == OO_Call && OC->getNumArgs() > 0)
      if (const auto *DR =
              dyn_cast<DeclRefExpr>(OC->getArg(0)->IgnoreParenImpCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DR->getDecl()))
          ++Calls[V];
  });
  llvm::DenseMap<const VarDecl *, const FunctionDecl *> Single;
  for (auto &[V, T] : Targets) {
    if (Bad.count(V) || !V->hasLocalStorage())
      continue;
    // Used other than by calls (copied, assigned, tested, passed on): not
    // known to be the lambda when called.
    if (isStdFunction(V->getType()) && Uses.lookup(V) != Calls.lookup(V))
      continue;
    Single[V] = T;
  }
  return Single;
}

bool isStdFunction(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  return RD && RD->isInStdNamespace() && RD->getIdentifier() &&
         RD->getName() == "function";
}

const CXXMethodDecl *lambdaOperatorOf(const Expr *Init) {
  // Through the conversions that wrap it: the std::function constructor,
  // temporaries, casts.
  while (Init) {
    Init = strip(Init)->IgnoreParenImpCasts();
    if (const auto *LE = dyn_cast<LambdaExpr>(Init))
      return LE->getCallOperator();
    const auto *CE = dyn_cast<CXXConstructExpr>(Init);
    if (!CE || CE->getNumArgs() != 1)
      return nullptr;
    Init = CE->getArg(0);
  }
  return nullptr;
}

namespace {
const ValueDecl *variableOf(const Expr *E) {
  if (const auto *DR = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
    return dyn_cast<VarDecl>(DR->getDecl());
  return nullptr;
}

bool reads(const Stmt *S, const ValueDecl *VD) {
  if (const auto *DR = dyn_cast<DeclRefExpr>(S); DR && DR->getDecl() == VD)
    return true;
  for (const Stmt *C : S->children())
    if (C && reads(C, VD))
      return true;
  return false;
}
} // namespace

namespace {
/// Whether \p E adds one to \p Counter: `++i`, `i++`, `i += 1`.
bool stepsByOne(const Expr *E, const ValueDecl *Counter) {
  E = E ? E->IgnoreParenImpCasts() : nullptr;
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E))
    return UO->isIncrementOp() && variableOf(UO->getSubExpr()) == Counter;
  const auto *BO = dyn_cast_or_null<BinaryOperator>(E);
  const auto *One = BO ? dyn_cast<IntegerLiteral>(
                             BO->getRHS()->IgnoreParenImpCasts())
                       : nullptr;
  return BO && BO->getOpcode() == BO_AddAssign &&
         variableOf(BO->getLHS()) == Counter && One && One->getValue() == 1;
}
} // namespace

llvm::DenseMap<const Stmt *, CountedLoop> countedLoops(const Stmt *Body) {
  llvm::DenseMap<const Stmt *, CountedLoop> Loops;
  forEachNode(Body, [&](const Stmt *X) {
    const auto *FS = dyn_cast<ForStmt>(X);
    const auto *Cond = FS && FS->getCond()
                           ? dyn_cast<BinaryOperator>(
                                 FS->getCond()->IgnoreParenImpCasts())
                           : nullptr;
    if (!Cond || !FS->getBody())
      return;
    const Expr *Counter = Cond->getLHS(), *Bound = Cond->getRHS();
    if (Cond->getOpcode() == BO_GT)
      std::swap(Counter, Bound);
    else if (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE)
      return;
    const auto *I = dyn_cast_or_null<VarDecl>(variableOf(Counter));
    const ValueDecl *B = namedDecl(Bound);
    if (!I || !I->hasLocalStorage() || !I->getType()->isIntegerType() || !B ||
        B == I || !stepsByOne(FS->getInc(), I))
      return;
    // Nothing in the body writes the counter or the bound, or calls.
    bool Clean = true;
    forEachNode(FS->getBody(), [&](const Stmt *Y) {
      const Expr *Written = nullptr;
      if (const auto *UO = dyn_cast<UnaryOperator>(Y);
          UO && (UO->isIncrementDecrementOp() ||
                 UO->getOpcode() == UO_AddrOf))
        Written = UO->getSubExpr();
      else if (const auto *BO = dyn_cast<BinaryOperator>(Y);
               BO && BO->isAssignmentOp())
        Written = BO->getLHS();
      if (isa<CallExpr>(Y) ||
          (Written && (namedDecl(Written) == I || namedDecl(Written) == B)))
        Clean = false;
    });
    if (Clean)
      Loops[FS] = {I, Bound};
  });
  return Loops;
}

namespace {
/// The variable \p X writes, and whether it only counts it up (an
/// increment, `+=` of a positive constant); also a variable whose address
/// it takes, which a call may write through.
std::pair<const VarDecl *, bool> writeOf(const Stmt *X) {
  if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
      return {dyn_cast_or_null<VarDecl>(variableOf(UO->getSubExpr())),
              UO->isIncrementOp()};
  } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
             BO && BO->isAssignmentOp()) {
    const auto *Step =
        dyn_cast<IntegerLiteral>(BO->getRHS()->IgnoreParenImpCasts());
    return {dyn_cast_or_null<VarDecl>(variableOf(BO->getLHS())),
            BO->getOpcode() == BO_AddAssign && Step &&
                Step->getValue().isStrictlyPositive()};
  }
  return {nullptr, false};
}
} // namespace

llvm::DenseSet<const VarDecl *> writtenVariables(const Stmt *Body) {
  llvm::DenseSet<const VarDecl *> Written;
  forEachNode(Body, [&](const Stmt *X) {
    if (const VarDecl *VD = writeOf(X).first)
      Written.insert(VD);
  });
  return Written;
}

llvm::DenseMap<const Stmt *, LoopCounters> loopCounters(const Stmt *Body) {
  llvm::DenseSet<const VarDecl *> AddressTaken;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *UO = dyn_cast<UnaryOperator>(X);
        UO && UO->getOpcode() == UO_AddrOf)
      if (const auto *VD = dyn_cast_or_null<VarDecl>(
              variableOf(UO->getSubExpr())))
        AddressTaken.insert(VD);
  });
  // The constants each local is compared with.
  llvm::DenseMap<const VarDecl *, int64_t> Largest;
  auto Compared = [&](const Expr *V, const Expr *C) {
    const auto *VD = dyn_cast_or_null<VarDecl>(variableOf(V));
    const auto *Lit = dyn_cast<IntegerLiteral>(C->IgnoreParenImpCasts());
    if (!VD || !Lit || Lit->getValue().getActiveBits() > 62)
      return;
    int64_t K = Lit->getValue().getSExtValue();
    auto [It, New] = Largest.try_emplace(VD, K);
    It->second = std::max(It->second, K);
  };
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *BO = dyn_cast<BinaryOperator>(X);
        BO && BO->isComparisonOp()) {
      Compared(BO->getLHS(), BO->getRHS());
      Compared(BO->getRHS(), BO->getLHS());
    } else if (const auto *SW = dyn_cast<SwitchStmt>(X)) {
      for (const SwitchCase *SC = SW->getSwitchCaseList(); SC;
           SC = SC->getNextSwitchCase())
        if (const auto *CS = dyn_cast<CaseStmt>(SC))
          Compared(SW->getCond(), CS->getLHS());
    } else if (const auto *E = dyn_cast<Expr>(X)) {
      // An index tested by the text of a constant table's entry is
      // compared with the indices that hold the text.
      if (std::optional<TextTest> T = textTest(E))
        if (std::optional<TableTextTest> TT = tableTextTest(*T))
          for (int64_t K : TT->Matches) {
            auto [It, New] = Largest.try_emplace(TT->Index, K);
            It->second = std::max(It->second, K);
          }
    }
  });
  llvm::DenseMap<const Stmt *, LoopCounters> Loops;
  forEachNode(Body, [&](const Stmt *Loop) {
    // What runs on every turn: the condition, the body, a for's step.
    llvm::SmallVector<const Stmt *, 3> Turn;
    if (const auto *WS = dyn_cast<WhileStmt>(Loop))
      Turn = {WS->getCond(), WS->getBody()};
    else if (const auto *FS = dyn_cast<ForStmt>(Loop))
      Turn = {FS->getCond(), FS->getInc(), FS->getBody()};
    else if (const auto *DS = dyn_cast<DoStmt>(Loop))
      Turn = {DS->getCond(), DS->getBody()};
    else
      return;
    // A counter may also be set to a constant (`if (nr == 0) { ..; nr =
    // 1; } else nr++;`): past every constant it is compared with, that
    // moves it no lower than the bound the turns keep (forgetCounters).
    llvm::DenseMap<const VarDecl *, bool> OnlyUp;
    llvm::DenseMap<const VarDecl *, int64_t> LeastSet;
    for (const Stmt *Part : Turn)
      if (Part)
        forEachNode(Part, [&](const Stmt *X) {
          auto [VD, Up] = writeOf(X);
          if (!VD)
            return;
          const auto *BO = dyn_cast<BinaryOperator>(X);
          const auto *Lit = BO && BO->getOpcode() == BO_Assign
                                ? dyn_cast<IntegerLiteral>(
                                      BO->getRHS()->IgnoreParenImpCasts())
                                : nullptr;
          if (Lit && Lit->getValue().getActiveBits() <= 62) {
            int64_t K = Lit->getValue().getSExtValue();
            auto [Least, New] = LeastSet.try_emplace(VD, K);
            Least->second = std::min(Least->second, K);
            Up = true;
          }
          auto [It, New] = OnlyUp.try_emplace(VD, Up);
          It->second = It->second && Up;
        });
    LoopCounters &LC = Loops[Loop];
    LC.Written.insert(AddressTaken.begin(), AddressTaken.end());
    for (auto [VD, Up] : OnlyUp) {
      LC.Written.insert(VD);
      auto L = Largest.find(VD);
      if (L == Largest.end())
        continue;
      if (auto Least = LeastSet.find(VD);
          Least != LeastSet.end() && Least->second <= L->second)
        continue;
      if (Up && VD->hasLocalStorage() && VD->getType()->isIntegerType() &&
          !VD->getType().isVolatileQualified() && !AddressTaken.count(VD))
        LC.Growing.push_back({VD, L->second + 1});
    }
  });
  return Loops;
}

llvm::DenseSet<const ValueDecl *> countingVariables(const Stmt *Body) {
  llvm::DenseSet<const ValueDecl *> Counters;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *UO = dyn_cast<UnaryOperator>(X);
        UO && UO->isIncrementDecrementOp())
      if (const ValueDecl *VD = variableOf(UO->getSubExpr()))
        Counters.insert(VD);
    if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      const ValueDecl *VD = variableOf(BO->getLHS());
      if (VD && (BO->isCompoundAssignmentOp() ||
                 (BO->getOpcode() == BO_Assign && reads(BO->getRHS(), VD))))
        Counters.insert(VD);
    }
  });
  return Counters;
}

namespace {
/// Whether \p E is the offset of a member: `offsetof(T, m)`, or the
/// address of a member of a null pointer (`(size_t)&((T *)NULL)->m`).
bool isMemberOffset(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (isa<OffsetOfExpr>(E))
    return true;
  const auto *UO = dyn_cast<UnaryOperator>(E);
  const auto *ME = UO && UO->getOpcode() == UO_AddrOf
                       ? dyn_cast<MemberExpr>(UO->getSubExpr()->IgnoreParens())
                       : nullptr;
  if (!ME)
    return false;
  const Expr *Base = ME->getBase()->IgnoreParenCasts();
  const auto *Zero = dyn_cast<IntegerLiteral>(Base);
  return (Zero && Zero->getValue() == 0) ||
         isa<CXXNullPtrLiteralExpr, GNUNullExpr>(Base);
}

/// Whether \p E points inside an object rather than at its start: the
/// address of an element other than the first (`&a[i]`), or arithmetic on a
/// pointer (`p + n`); not `container_of`'s subtraction of a member offset.
bool isInteriorAddress(const Expr *E) {
  E = E->IgnoreParenCasts();
  // container_of: the start of the object that holds the member
  // (`(T *)((char *)p - offsetof(T, m))`, haproxy's LIST_ELEM).
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Sub && isMemberOffset(BO->getRHS()))
    return false;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf)
    if (const auto *AS =
            dyn_cast<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens())) {
      const auto *Lit =
          dyn_cast<IntegerLiteral>(AS->getIdx()->IgnoreParenImpCasts());
      return !Lit || Lit->getValue() != 0;
    }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub) &&
           BO->getType()->isPointerType();
  return false;
}
} // namespace

/// The variable or field a pointer expression names (`p`, `s.top`).
const ValueDecl *pointerDeclOf(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return dyn_cast<FieldDecl>(ME->getMemberDecl());
  return variableOf(E);
}

namespace {
/// Whether the switch condition \p Cond reads nothing but parameters and
/// constants.
bool readsOnlyParameters(const Expr *Cond) {
  bool Params = false, Other = false;
  forEachNode(Cond, [&](const Stmt *X) {
    if (const auto *DR = dyn_cast<DeclRefExpr>(X)) {
      if (isa<ParmVarDecl>(DR->getDecl()))
        Params = true;
      else if (isa<VarDecl>(DR->getDecl()))
        Other = true;
    } else if (isa<CXXThisExpr>(X)) {
      Other = true;
    }
  });
  return Params && !Other;
}
} // namespace

namespace {
/// Whether \p T is std::bad_alloc or a class derived from it.
bool isBadAlloc(QualType T) {
  const auto *RD = T.isNull() ? nullptr : T->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  auto IsIt = [](const CXXRecordDecl *R) {
    return R->isInStdNamespace() && R->getIdentifier() &&
           R->getName() == "bad_alloc";
  };
  return IsIt(RD) || !RD->forallBases([&](const CXXRecordDecl *B) {
    return !IsIt(B);
  });
}
} // namespace

namespace {
/// The throw that \p Branch ends in, when it does nothing before it but
/// call and declare (`{ AnnounceThrow(msg); throw XMP_Error(id, msg); }`).
const CXXThrowExpr *plainThrow(const Stmt *Branch) {
  while (const auto *CS = dyn_cast_or_null<CompoundStmt>(Branch)) {
    Branch = nullptr;
    for (const Stmt *X : CS->body()) {
      if (isa<NullStmt>(X)) // `{ THROW(..); }`: the macro's own braces, then `;`
        continue;
      if (Branch && !isa<DeclStmt, CallExpr, ExprWithCleanups>(Branch))
        return nullptr;
      Branch = X;
    }
  }
  if (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(Branch))
    Branch = EWC->getSubExpr();
  return dyn_cast_or_null<CXXThrowExpr>(Branch);
}
} // namespace

llvm::DenseSet<const Stmt *> assertionThrows(const Stmt *Body,
                                             const SourceManager &SM) {
  llvm::DenseSet<const Stmt *> Throws;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *T = dyn_cast<CXXThrowExpr>(X);
        T && T->getSubExpr() && isBadAlloc(T->getSubExpr()->getType()))
      Throws.insert(T);
    // `XMP_Validate(c, msg, e)`: a macro that throws on its own condition.
    if (const auto *If = dyn_cast<IfStmt>(X);
        If && If->getBeginLoc().isMacroID())
      if (const CXXThrowExpr *T = plainThrow(If->getThen());
          T && T->getBeginLoc().isMacroID() &&
          SM.getExpansionLoc(T->getBeginLoc()) ==
              SM.getExpansionLoc(If->getBeginLoc()))
        Throws.insert(T);
    const auto *SW = dyn_cast<SwitchStmt>(X);
    if (!SW || !SW->getCond() || !readsOnlyParameters(SW->getCond()))
      return;
    for (const SwitchCase *C = SW->getSwitchCaseList(); C;
         C = C->getNextSwitchCase()) {
      if (!isa<DefaultStmt>(C))
        continue;
      const Stmt *Sub = C->getSubStmt();
      if (const auto *CS = dyn_cast_or_null<CompoundStmt>(Sub))
        Sub = CS->body_empty() ? nullptr : CS->body_front();
      if (const auto *EWC = dyn_cast_or_null<ExprWithCleanups>(Sub))
        Sub = EWC->getSubExpr();
      if (isa_and_nonnull<CXXThrowExpr>(Sub))
        Throws.insert(Sub);
    }
  });
  return Throws;
}

namespace {
/// Whether \p E reads a pointer from a variable or an object, or is null.
bool isPointerCopy(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *CO = dyn_cast<ConditionalOperator>(E))
    return isPointerCopy(CO->getTrueExpr()) &&
           isPointerCopy(CO->getFalseExpr());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Deref;
  return isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr, GNUNullExpr,
             CXXNullPtrLiteralExpr, IntegerLiteral>(E);
}
} // namespace

llvm::DenseSet<const VarDecl *> copiedPointers(const Stmt *Body) {
  llvm::DenseSet<const VarDecl *> Copies, Other;
  auto Assigned = [&](const VarDecl *VD, const Expr *RHS) {
    if (!VD || !VD->hasLocalStorage() || !VD->getType()->isPointerType())
      return;
    if (RHS && isPointerCopy(RHS))
      Copies.insert(VD);
    else
      Other.insert(VD);
  };
  auto LocalOf = [](const Expr *E) {
    return cast_or_null<VarDecl>(variableOf(E));
  };
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *DS = dyn_cast<DeclStmt>(X)) {
      for (const Decl *D : DS->decls()) {
        const auto *VD = dyn_cast<VarDecl>(D);
        if (!VD || !VD->getInit())
          continue;
        if (VD->getType()->isReferenceType()) // `T *&r = t;`
          Assigned(LocalOf(VD->getInit()), nullptr);
        else
          Assigned(VD, VD->getInit());
      }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
               BO && BO->isAssignmentOp()) {
      Assigned(LocalOf(BO->getLHS()),
               BO->getOpcode() == BO_Assign ? BO->getRHS() : nullptr);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
      if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
        Assigned(LocalOf(UO->getSubExpr()), nullptr);
    }
  });
  for (const VarDecl *VD : Other)
    Copies.erase(VD);
  return Copies;
}

llvm::DenseSet<const ValueDecl *> interiorPointers(const Stmt *Body) {
  llvm::DenseSet<const ValueDecl *> Interior;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *DS = dyn_cast<DeclStmt>(X))
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getType()->isPointerType() && VD->getInit() &&
            isInteriorAddress(VD->getInit()))
          Interior.insert(VD);
    if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      const ValueDecl *VD = pointerDeclOf(BO->getLHS());
      if (VD && VD->getType()->isPointerType() &&
          (BO->getOpcode() == BO_AddAssign || BO->getOpcode() == BO_SubAssign ||
           (BO->getOpcode() == BO_Assign && isInteriorAddress(BO->getRHS()))))
        Interior.insert(VD);
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(X);
        UO && UO->isIncrementDecrementOp())
      if (const ValueDecl *VD = pointerDeclOf(UO->getSubExpr());
          VD && VD->getType()->isPointerType())
        Interior.insert(VD);
  });
  return Interior;
}

namespace {
/// The variable the result of \p Call is kept in (initialised or assigned
/// with it), and whether it is stored anywhere at all.
std::pair<const VarDecl *, bool> keptResult(const CallExpr *Call,
                                            const Stmt *Body) {
  const VarDecl *Kept = nullptr;
  bool Stored = false;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *DS = dyn_cast<DeclStmt>(X)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D);
            VD && VD->getInit() &&
            VD->getInit()->IgnoreParenImpCasts() == Call) {
          Kept = VD;
          Stored = true;
        }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
               BO && BO->getOpcode() == BO_Assign &&
               BO->getRHS()->IgnoreParenImpCasts() == Call) {
      Stored = true;
      Kept = dyn_cast_or_null<VarDecl>(variableOf(BO->getLHS()));
    }
  });
  return {Kept, Stored};
}
} // namespace

bool keptByNumber(const CallExpr *Call, const Stmt *Body) {
  const VarDecl *Kept = keptResult(Call, Body).first;
  if (!Kept || !Kept->hasLocalStorage())
    return false;
  // Compared with a standard descriptor's number (`if (fd0 != 0)`), or read
  // nowhere but in a cast to void (`UNUSED(fd)`). A cast is visited before
  // the operand it casts.
  bool Standard = false, OnlyVoided = true;
  unsigned Reads = 0;
  llvm::DenseSet<const Expr *> Voided;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *CE = dyn_cast<CStyleCastExpr>(X);
        CE && CE->getType()->isVoidType())
      Voided.insert(CE->getSubExpr()->IgnoreParenImpCasts());
    if (const auto *DR = dyn_cast<DeclRefExpr>(X);
        DR && DR->getDecl() == Kept) {
      ++Reads;
      OnlyVoided &= Voided.count(DR) > 0;
    }
    const auto *BO = dyn_cast<BinaryOperator>(X);
    if (!BO || !BO->isEqualityOp())
      return;
    for (auto [V, K] : {std::pair(BO->getLHS(), BO->getRHS()),
                        std::pair(BO->getRHS(), BO->getLHS())}) {
      const auto *Lit = dyn_cast<IntegerLiteral>(K->IgnoreParenImpCasts());
      Standard |= variableOf(V) == Kept && Lit && Lit->getValue().ult(3);
    }
  });
  return Standard || (Reads > 0 && OnlyVoided);
}

bool resultOnlyTested(const CallExpr *Call, const Stmt *Body) {
  // The local the result is kept in.
  const auto [KeptIn, Stored] = keptResult(Call, Body);
  const VarDecl *Kept = KeptIn; // captured below
  if (!Kept)
    return !Stored; // an expression statement: the result is ignored
  if (!Kept->hasLocalStorage())
    return false;
  // Every read of it is a condition, or an operand of `!`, `&&`, `||` or a
  // comparison.
  llvm::DenseSet<const Expr *> Tested;
  auto Test = [&](const Expr *E) {
    if (E)
      Tested.insert(E->IgnoreParenImpCasts());
  };
  unsigned Reads = 0;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *If = dyn_cast<IfStmt>(X))
      Test(If->getCond());
    else if (const auto *W = dyn_cast<WhileStmt>(X))
      Test(W->getCond());
    else if (const auto *CO = dyn_cast<ConditionalOperator>(X))
      Test(CO->getCond());
    else if (const auto *UO = dyn_cast<UnaryOperator>(X);
             UO && UO->getOpcode() == UO_LNot)
      Test(UO->getSubExpr());
    else if (const auto *BO = dyn_cast<BinaryOperator>(X);
             BO && (BO->isLogicalOp() || BO->isComparisonOp())) {
      Test(BO->getLHS());
      Test(BO->getRHS());
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X);
               BO && BO->isAssignmentOp() &&
               variableOf(BO->getLHS()) == Kept) {
      Tested.insert(BO->getLHS()->IgnoreParenImpCasts()); // written, not read
    }
  });
  bool OnlyTested = true;
  forEachNode(Body, [&](const Stmt *X) {
    const auto *DR = dyn_cast<DeclRefExpr>(X);
    if (!DR || DR->getDecl() != Kept)
      return;
    ++Reads;
    OnlyTested &= Tested.count(DR) > 0;
  });
  return OnlyTested;
}

bool bodyNeverReturns(const FunctionDecl *Def, ASTContext &Ctx,
                      llvm::function_ref<bool(const CallExpr *)> EndsProgram) {
  Stmt *Body = Def->getBody();
  if (!Body)
    return false;
  std::unique_ptr<CFG> G = CFG::buildCFG(Def, Body, &Ctx, CFG::BuildOptions());
  constexpr unsigned MaxBlocks = 400;
  if (!G || G->getNumBlockIDs() > MaxBlocks)
    return false;
  auto Ends = [&](const CFGBlock *B) {
    if (B->hasNoReturnElement())
      return true;
    for (const CFGElement &E : *B)
      if (auto CS = E.getAs<CFGStmt>())
        if (const auto *CE = dyn_cast<CallExpr>(CS->getStmt());
            CE && EndsProgram(CE))
          return true;
    return false;
  };
  llvm::BitVector Seen(G->getNumBlockIDs());
  llvm::SmallVector<const CFGBlock *, 16> Work{&G->getEntry()};
  Seen.set(G->getEntry().getBlockID());
  while (!Work.empty()) {
    const CFGBlock *B = Work.pop_back_val();
    if (B == &G->getExit())
      return false;
    if (Ends(B))
      continue;
    for (const CFGBlock::AdjacentBlock &AB : B->succs())
      if (const CFGBlock *Succ = AB.getReachableBlock();
          Succ && !Seen.test(Succ->getBlockID())) {
        Seen.set(Succ->getBlockID());
        Work.push_back(Succ);
      }
  }
  return true;
}

} // namespace clang::tidy::leaklint::ownership::detail

//===--- Liveness.cpp - which locals the rest of a path can still read ----===//

#include "Liveness.h"
#include "AstHelpers.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {

const DeclRefExpr *nameOf(const Expr *E) {
  return dyn_cast<DeclRefExpr>(E->IgnoreParens());
}

/// The locals of \p Body that are only read (as values) and written (by
/// `=`, compound assignment, `++`, `--`) by name; and the names that are
/// only written, by a plain `=`. False for a body with a `try`: the engine
/// enters a handler from the middle of a block, which the CFG has no edge
/// for.
bool classify(const Stmt *Body, llvm::DenseSet<const VarDecl *> &Followed,
              llvm::DenseSet<const DeclRefExpr *> &PureWrites) {
  llvm::DenseSet<const DeclRefExpr *> Plain;
  llvm::DenseSet<const VarDecl *> Other;
  bool Try = false;
  forEachNode(Body, [&](const Stmt *X) {
    if (isa<CXXTryStmt>(X))
      Try = true; // a handler is entered from the middle of a block
    else if (const auto *IC = dyn_cast<ImplicitCastExpr>(X)) {
      if (IC->getCastKind() == CK_LValueToRValue)
        if (const DeclRefExpr *DR = nameOf(IC->getSubExpr()))
          Plain.insert(DR);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      if (BO->isAssignmentOp())
        if (const DeclRefExpr *DR = nameOf(BO->getLHS())) {
          Plain.insert(DR);
          if (BO->getOpcode() == BO_Assign)
            PureWrites.insert(DR);
        }
    } else if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
      if (UO->isIncrementDecrementOp())
        if (const DeclRefExpr *DR = nameOf(UO->getSubExpr()))
          Plain.insert(DR);
    } else if (const auto *DS = dyn_cast<DeclStmt>(X)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D);
            V && V->getType()->isReferenceType())
          Other.insert(V);
    } else if (const auto *BE = dyn_cast<BlockExpr>(X)) {
      for (const BlockDecl::Capture &C : BE->getBlockDecl()->captures())
        Other.insert(C.getVariable());
    }
  });
  forEachNode(Body, [&](const Stmt *X) {
    const VarDecl *V = namedLocal(X);
    if (!V)
      return;
    // A lambda's body reads its own copy, when the lambda runs.
    if (!Plain.contains(cast<DeclRefExpr>(X)) ||
        cast<DeclRefExpr>(X)->refersToEnclosingVariableOrCapture())
      Other.insert(V);
    else
      Followed.insert(V);
  });
  for (const VarDecl *V : Other)
    Followed.erase(V);
  return !Try;
}

/// The variable (or, for `this`, the function) and field a member access
/// reads, the way the engine names a field it keeps facts on.
std::pair<const ValueDecl *, const ValueDecl *>
fieldKeyOf(const MemberExpr *ME, const FunctionDecl *FD) {
  const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!Field)
    return {};
  const Expr *Base = strip(ME->getBase())->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(Base))
    return {FD, Field};
  if (const auto *DR = dyn_cast<DeclRefExpr>(Base))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl()))
      return {VD, Field};
  return {};
}

} // namespace

LiveLocals::LiveLocals(const CFG &G, const FunctionDecl *FD) {
  const Stmt *Body = FD->getBody();
  llvm::DenseSet<const VarDecl *> Followed;
  llvm::DenseSet<const DeclRefExpr *> PureWrites;
  if (!classify(Body, Followed, PureWrites))
    return;
  for (const VarDecl *V : Followed)
    Index.try_emplace(Key{V, nullptr}, Index.size());
  // The fields each variable names, by their numbers.
  llvm::DenseMap<const ValueDecl *, llvm::SmallVector<unsigned, 4>> FieldsOf;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *ME = dyn_cast<MemberExpr>(X))
      if (Key K = fieldKeyOf(ME, FD); K.first)
        if (auto [It, New] = Index.try_emplace(K, Index.size()); New)
          FieldsOf[K.first].push_back(It->second);
  });
  if (Index.empty())
    return;
  unsigned N = Index.size(), Blocks = G.getNumBlockIDs();
  // Per block: what is read before any write (Gen) and the locals written
  // first (Kill; a field is never killed). The CFG lists every
  // subexpression as an element of the block that evaluates it, operands
  // first; a statement is walked once per block, below the parts already
  // seen, so a part evaluated in another block counts here as well (more
  // reads: safe).
  std::vector<llvm::BitVector> Gen(Blocks, llvm::BitVector(N)),
      Kill(Blocks, llvm::BitVector(N));
  for (const CFGBlock *B : G) {
    llvm::BitVector &GenB = Gen[B->getBlockID()], &KillB = Kill[B->getBlockID()];
    llvm::SmallPtrSet<const Stmt *, 32> Seen;
    auto Reads = [&](const Stmt *Root) {
      llvm::SmallVector<const Stmt *, 16> Work{Root};
      while (!Work.empty()) {
        const Stmt *X = Work.pop_back_val();
        if (!X || !Seen.insert(X).second)
          continue;
        Key K;
        if (const VarDecl *V = namedLocal(X);
            V && !PureWrites.contains(cast<DeclRefExpr>(X)))
          K = {V, nullptr};
        else if (const auto *ME = dyn_cast<MemberExpr>(X))
          K = fieldKeyOf(ME, FD);
        if (auto It = K.first ? Index.find(K) : Index.end();
            It != Index.end() && !KillB.test(It->second))
          GenB.set(It->second);
        for (const Stmt *C : X->children())
          Work.push_back(C);
      }
    };
    // Writing a variable also ends what was known of the fields of what it
    // pointed to.
    auto Writes = [&](const VarDecl *V) {
      auto F = FieldsOf.find(V);
      for (unsigned I : F == FieldsOf.end() ? llvm::ArrayRef<unsigned>()
                                            : llvm::ArrayRef(F->second))
        if (!GenB.test(I))
          KillB.set(I);
      if (auto It = Index.find(Key{V, nullptr});
          It != Index.end() && !GenB.test(It->second))
        KillB.set(It->second);
    };
    for (const CFGElement &El : *B) {
      if (auto CS = El.getAs<CFGStmt>()) {
        const Stmt *S = CS->getStmt();
        Reads(S);
        if (const auto *BO = dyn_cast<BinaryOperator>(S);
            BO && BO->getOpcode() == BO_Assign)
          if (const VarDecl *V = namedLocal(nameOf(BO->getLHS())))
            Writes(V);
        if (const auto *DS = dyn_cast<DeclStmt>(S))
          for (const Decl *D : DS->decls())
            if (const auto *V = dyn_cast<VarDecl>(D))
              Writes(V);
      } else if (auto Init = El.getAs<CFGInitializer>()) {
        Reads(Init->getInitializer()->getInit());
      }
    }
    if (const Stmt *Cond = B->getTerminatorCondition())
      Reads(Cond);
  }
  // Backwards to the fixed point: live on entry = read first, or live on
  // exit and not written first. A worklist: a block is computed again only
  // when what a successor needs changed.
  LiveIn.assign(Blocks, llvm::BitVector(N));
  std::vector<const CFGBlock *> Work(G.begin(), G.end());
  llvm::BitVector Queued(Blocks, true);
  while (!Work.empty()) {
    const CFGBlock *B = Work.back();
    Work.pop_back();
    Queued.reset(B->getBlockID());
    llvm::BitVector In(N);
    for (const CFGBlock::AdjacentBlock &AB : B->succs())
      if (const CFGBlock *Succ = AB.getReachableBlock())
        In |= LiveIn[Succ->getBlockID()];
    In.reset(Kill[B->getBlockID()]);
    In |= Gen[B->getBlockID()];
    if (In == LiveIn[B->getBlockID()])
      continue;
    LiveIn[B->getBlockID()] = std::move(In);
    for (const CFGBlock::AdjacentBlock &AB : B->preds())
      if (const CFGBlock *Pred = AB.getReachableBlock();
          Pred && !Queued.test(Pred->getBlockID())) {
        Queued.set(Pred->getBlockID());
        Work.push_back(Pred);
      }
  }
}

bool LiveLocals::mayRead(const CFGBlock *B, const ValueDecl *D,
                         const ValueDecl *Field) const {
  auto It = Index.find(Key{D, Field});
  return It == Index.end() || LiveIn[B->getBlockID()].test(It->second);
}

} // namespace clang::tidy::leaklint::ownership::detail

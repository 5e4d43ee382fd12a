//===--- ReleasedResults.cpp - calls whose result the caller frees -------===//

#include "ReleasedResults.h"
#include "AstHelpers.h"
#include "Comparisons.h"
#include "HookTargets.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leaklint::ownership::detail {

const Decl *calleeIdentity(const CallExpr *CE) {
  if (const FunctionDecl *F = CE->getDirectCallee())
    return F->getCanonicalDecl();
  return hookCalledBy(CE);
}

namespace {
/// A local pointer: the calls stored in it, whether anything else is,
/// whether it is freed where nothing but a test of it decides, and whether
/// its address is taken.
struct LocalUse {
  llvm::SmallVector<const CallExpr *, 2> Calls;
  bool Other = false, Freed = false, AddressTaken = false;
};

class LocalScan : public RecursiveASTVisitor<LocalScan> {
public:
  LocalScan(ASTContext &Ctx, llvm::function_ref<bool(const CallExpr *)> Frees)
      : Ctx(Ctx), Frees(Frees) {}

  bool VisitVarDecl(VarDecl *VD) {
    if (const Expr *Init = VD->getInit(); Init && isLocalPointer(VD))
      stored(VD, Init);
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (BO->getOpcode() == BO_Assign)
      if (const VarDecl *V = localNamedBy(BO->getLHS()))
        stored(V, BO->getRHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *V = localNamedBy(UO->getSubExpr()))
        Uses[V].AddressTaken = true;
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (CE->getNumArgs() > 0 && Frees(CE))
      if (const VarDecl *V = localNamedBy(CE->getArg(0)))
        Uses[V].Freed |= llvm::all_of(Choices, [&](const Stmt *Cond) {
          return mentions(Cond, V);
        });
    return true;
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
    Choices.push_back(S->getCond());
    bool Go = TraverseStmt(S->getThen()) && TraverseStmt(S->getElse());
    Choices.pop_back();
    return Go;
  }
  bool TraverseSwitchStmt(SwitchStmt *S) {
    if (!TraverseStmt(S->getCond()))
      return false;
    Choices.push_back(S->getCond());
    bool Go = TraverseStmt(S->getBody());
    Choices.pop_back();
    return Go;
  }

  llvm::DenseMap<const VarDecl *, LocalUse> Uses;

private:
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

  static bool mentions(const Stmt *S, const VarDecl *V) {
    bool Found = false;
    forEachNode(S, [&](const Stmt *X) { Found |= namedLocal(X) == V; });
    return Found;
  }

  ASTContext &Ctx;
  llvm::function_ref<bool(const CallExpr *)> Frees;
  llvm::SmallVector<const Stmt *, 4> Choices;
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
} // namespace

llvm::DenseSet<const CallExpr *>
resultsFreedBy(const FunctionDecl *FD, ASTContext &Ctx,
               llvm::function_ref<bool(const CallExpr *)> Unknown,
               llvm::function_ref<bool(const CallExpr *)> FreesMemory) {
  llvm::DenseSet<const CallExpr *> Out;
  if (!FD->getBody())
    return Out;
  LocalScan Scan(Ctx, FreesMemory);
  Scan.TraverseStmt(FD->getBody());
  for (const auto &Use : Scan.Uses) {
    const VarDecl *V = Use.first;
    const auto &U = Use.second;
    if (!U.Freed || U.Other || U.AddressTaken || U.Calls.empty())
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

//===--- CallSites.cpp - what every caller of a file-local function passes -===//

#include "CallSites.h"
#include "AstHelpers.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {

class CallScan : public RecursiveASTVisitor<CallScan> {
public:
  CallScan(llvm::DenseMap<const FunctionDecl *,
                          llvm::SmallVector<const CallExpr *, 4>> &Calls,
           llvm::DenseSet<const FunctionDecl *> &Referenced)
      : Calls(Calls), Referenced(Referenced) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool VisitCallExpr(CallExpr *CE) {
    const Expr *Callee = CE->getCallee()->IgnoreParenImpCasts();
    if (const auto *DR = dyn_cast<DeclRefExpr>(Callee))
      if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl())) {
        Calls[F->getCanonicalDecl()].push_back(CE);
        Direct.insert(DR);
      }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl()))
      if (!Direct.contains(DR))
        Referenced.insert(F->getCanonicalDecl());
    return true;
  }

private:
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 4>>
      &Calls;
  llvm::DenseSet<const FunctionDecl *> &Referenced;
  /// Callee references seen by VisitCallExpr, which runs before the
  /// callee's own DeclRefExpr is visited.
  llvm::DenseSet<const DeclRefExpr *> Direct;
};

/// Walks a body in source order: whether the first use of \p Var after its
/// declaration is \p Use, with no loop, label or case between them.
class FirstUse {
public:
  FirstUse(const VarDecl *Var, const DeclRefExpr *Use) : Var(Var), Use(Use) {}
  bool check(const Stmt *Body) {
    walk(Body, 0);
    return Found;
  }

private:
  void walk(const Stmt *S, unsigned Loops) {
    if (!S || Done)
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls()) {
        if (D == Var) {
          Declared = true; // its initializer is a null constant
          DeclLoops = Loops;
        } else if (const auto *VD = dyn_cast<VarDecl>(D)) {
          walk(VD->getInit(), Loops);
        }
      }
      return;
    }
    if (Declared && (isa<LabelStmt>(S) || isa<SwitchCase>(S))) {
      Done = true; // a jump may reach the use without the declaration
      return;
    }
    if (const auto *DR = dyn_cast<DeclRefExpr>(S); DR && DR->getDecl() == Var) {
      Done = true;
      Found = Declared && DR == Use && Loops == DeclLoops;
      return;
    }
    // What a `for` runs once, before its first turn, is outside the loop:
    // `for (char *d = NULL; ...) grow(&d, n);` passes the last turn's block.
    const Stmt *Once[3] = {nullptr, nullptr, nullptr};
    if (const auto *For = dyn_cast<ForStmt>(S))
      Once[0] = For->getInit();
    else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      Once[0] = Range->getInit(), Once[1] = Range->getRangeStmt();
    bool Loop = isa<ForStmt>(S) || isa<WhileStmt>(S) || isa<DoStmt>(S) ||
                isa<CXXForRangeStmt>(S);
    for (const Stmt *C : S->children())
      walk(C, Loops + (Loop && !llvm::is_contained(Once, C) ? 1 : 0));
  }

  const VarDecl *Var;
  const DeclRefExpr *Use;
  bool Declared = false, Done = false, Found = false;
  unsigned DeclLoops = 0;
};

} // namespace

void CallSites::scan() {
  Scanned = true;
  CallScan Scan(Calls, Referenced);
  forEachUserDecl(Ctx, [&](Decl *D) { Scan.TraverseDecl(D); });
}

bool CallSites::passesNull(const CallExpr *CE, unsigned Param,
                           bool ByReference) const {
  if (Param >= CE->getNumArgs())
    return false;
  // `&data` to a pointer parameter, `data` to a reference.
  const Expr *Arg = CE->getArg(Param)->IgnoreParenImpCasts();
  const auto *UO = dyn_cast<UnaryOperator>(Arg);
  if (UO && UO->getOpcode() == UO_AddrOf)
    Arg = UO->getSubExpr()->IgnoreParens();
  else if (!ByReference)
    return false;
  const auto *DR = dyn_cast<DeclRefExpr>(Arg);
  const auto *V = DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
  if (!V || !V->hasLocalStorage() || isa<ParmVarDecl>(V) ||
      !V->getType()->isPointerType() || !V->getInit() ||
      !isNullArgument(V->getInit(), Ctx))
    return false;
  const auto *Owner = dyn_cast_or_null<FunctionDecl>(
      V->getParentFunctionOrMethod());
  return Owner && Owner->getBody() && FirstUse(V, DR).check(Owner->getBody());
}

bool CallSites::everyCallPassesNull(const FunctionDecl *FD, unsigned Param) {
  FD = FD->getCanonicalDecl();
  if (FD->isExternallyVisible() || isa<CXXMethodDecl>(FD))
    return false;
  if (!Scanned)
    scan();
  auto It = Calls.find(FD);
  if (It == Calls.end() || Referenced.contains(FD) ||
      Param >= FD->getNumParams())
    return false;
  bool ByReference = FD->getParamDecl(Param)->getType()->isReferenceType();
  return llvm::all_of(It->second, [&](const CallExpr *CE) {
    return passesNull(CE, Param, ByReference);
  });
}

} // namespace clang::tidy::leaklint::ownership::detail

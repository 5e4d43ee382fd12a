//===--- SideEffects.cpp - globals written, exceptions thrown ------------===//

#include "SideEffects.h"
#include "AstHelpers.h"
#include "FunctionFacts.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {

// A syntactic pass for what the path walk does not see: globals written and
// exceptions thrown, here and (through their summaries) in callees.
class SideEffectScan : public RecursiveASTVisitor<SideEffectScan> {
public:
  SideEffectScan(OwnershipEngine &E, FunctionSummary &S, const Stmt *Body)
      : Eng(E), Sum(S),
        AssertionThrows(
            assertionThrows(Body, E.context().getSourceManager())) {}
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
    if (TryDepth)
      return true;
    Sum.MayThrow = true;
    if (Eng.options().Strict || !AssertionThrows.count(T))
      Sum.ThrowsItself = true;
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
    if (Eng.hasSummary(Callee)) {
      const FunctionSummary &CS = Eng.summary(Callee);
      if (CS.MayThrow && !TryDepth)
        Sum.MayThrow = true;
      Sum.WritesUnknownGlobals |= CS.WritesUnknownGlobals;
      Sum.WritesGlobals.insert(Sum.WritesGlobals.end(), CS.WritesGlobals.begin(),
                               CS.WritesGlobals.end());
      // Another TU's function (whole-program mode) is code the cells of
      // this one do not see.
      Sum.CallsUnknownCode |=
          CS.CallsUnknownCode || !Eng.hasUsableBody(Callee);
    } else if (!Eng.isLibraryCode(Callee)) {
      Sum.CallsUnknownCode = true;
    }
    // Functions the TU cannot see are assumed not to write our globals:
    // that assumption is what keeps a flag tested twice consistent.
    return true;
  }

private:
  OwnershipEngine &Eng;
  FunctionSummary &Sum;
  unsigned TryDepth = 0;
  llvm::DenseSet<const Stmt *> AssertionThrows; ///< see assertionThrows
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

private:
  llvm::DenseSet<const VarDecl *> &W;
};

} // namespace

void scanSideEffects(OwnershipEngine &Eng, const FunctionDecl *Def,
                     FunctionSummary &Sum) {
  SideEffectScan Scan(Eng, Sum, Def->getBody());
  Scan.TraverseStmt(Def->getBody());
}

llvm::DenseSet<const VarDecl *> writtenGlobals(ASTContext &Ctx) {
  llvm::DenseSet<const VarDecl *> Written;
  GlobalWriteScan Scan(Written);
  forEachUserDecl(Ctx, [&](Decl *D) { Scan.TraverseDecl(D); });
  return Written;
}

} // namespace clang::tidy::leaklint::ownership::detail

//===--- GlobalCells.cpp - globals whose parts the engine follows --------===//

#include "GlobalCells.h"
#include "AstHelpers.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::leaklint::ownership::detail {

namespace {

class CellScan : public RecursiveASTVisitor<CellScan> {
public:
  explicit CellScan(ASTContext &Ctx) : Ctx(Ctx) {}

  bool TraverseDecl(Decl *D) {
    const auto *F = dyn_cast_or_null<FunctionDecl>(D);
    if (!F || !F->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    const Decl *Outer = Current;
    Current = F->getCanonicalDecl();
    bool Go = RecursiveASTVisitor::TraverseDecl(D);
    Current = Outer;
    return Go;
  }
  /// A lambda's body runs wherever the lambda is given: a callback.
  bool TraverseLambdaExpr(LambdaExpr *LE) {
    const Decl *Outer = Current;
    Current = LE->getCallOperator()->getCanonicalDecl();
    Callbacks.push_back(Current);
    bool Go = RecursiveASTVisitor::TraverseLambdaExpr(LE);
    Current = Outer;
    return Go;
  }

  bool VisitImplicitCastExpr(ImplicitCastExpr *IC) {
    if (IC->getCastKind() == CK_LValueToRValue)
      access(IC->getSubExpr());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->isAssignmentOp())
      access(B->getLHS());
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp())
      access(U->getSubExpr());
    return true;
  }
  bool VisitUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *U) {
    // `sizeof g` reads nothing.
    if (!U->isArgumentType())
      if (const DeclRefExpr *DR = rootOf(U->getArgumentExpr()))
        Direct.insert(DR);
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    if (const auto *DR =
            dyn_cast<DeclRefExpr>(CE->getCallee()->IgnoreParenImpCasts()))
      if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl())) {
        CalleeRefs.insert(DR);
        if (Current)
          Calls[Current].push_back(F->getCanonicalDecl());
      }
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DR) {
    if (const auto *F = dyn_cast<FunctionDecl>(DR->getDecl())) {
      FunctionRefs.push_back({DR, F->getCanonicalDecl()});
      return true;
    }
    const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
    if (!VD || VD->hasLocalStorage())
      return true;
    VD = VD->getCanonicalDecl();
    Refs.push_back({DR, VD});
    if (Current)
      Mentions[Current].push_back(VD);
    return true;
  }
  bool VisitMemberExpr(MemberExpr *ME) {
    // `obj.count` of a static data member: not a plain name of it.
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      Indirect.insert(VD->getCanonicalDecl());
    return true;
  }

  GlobalCells result() const {
    const SourceManager &SM = Ctx.getSourceManager();
    llvm::DenseSet<const VarDecl *> Bad = Indirect;
    llvm::DenseSet<const VarDecl *> Seen;
    for (const auto &[DR, VD] : Refs) {
      Seen.insert(VD);
      if (!Direct.count(DR))
        Bad.insert(VD);
    }
    GlobalCells Out;
    for (const VarDecl *VD : Seen) {
      if (Bad.count(VD) || VD->getType()->isReferenceType() ||
          VD->getType().isVolatileQualified())
        continue;
      bool InMain = llvm::all_of(VD->redecls(), [&](const VarDecl *R) {
        return SM.isInMainFile(SM.getExpansionLoc(R->getLocation()));
      });
      if (!InMain)
        continue;
      Out.Cells.insert(VD);
      if (VD->isExternallyVisible())
        Out.Reachable.insert(VD);
    }
    // The functions code outside the TU may call: those whose address is
    // taken, lambdas, and what they call.
    std::vector<const Decl *> Work = Callbacks;
    for (const auto &[DR, F] : FunctionRefs)
      if (!CalleeRefs.count(DR))
        Work.push_back(F);
    llvm::DenseSet<const Decl *> Reached;
    while (!Work.empty()) {
      const Decl *F = Work.back();
      Work.pop_back();
      if (!Reached.insert(F).second)
        continue;
      if (auto It = Mentions.find(F); It != Mentions.end())
        for (const VarDecl *VD : It->second)
          if (Out.Cells.count(VD))
            Out.Reachable.insert(VD);
      if (auto It = Calls.find(F); It != Calls.end())
        Work.insert(Work.end(), It->second.begin(), It->second.end());
    }
    return Out;
  }

private:
  /// The global a direct access names: `g`, `g.field`, `g[2]`.
  const DeclRefExpr *rootOf(const Expr *E) const {
    while (true) {
      E = E->IgnoreParens();
      if (const auto *ME = dyn_cast<MemberExpr>(E)) {
        if (ME->isArrow() || !isa<FieldDecl>(ME->getMemberDecl()))
          return nullptr;
        E = ME->getBase();
        continue;
      }
      if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E)) {
        const auto *Decay =
            dyn_cast<ImplicitCastExpr>(AS->getBase()->IgnoreParens());
        if (!Decay || Decay->getCastKind() != CK_ArrayToPointerDecay ||
            AS->getIdx()->isValueDependent() ||
            !AS->getIdx()->isIntegerConstantExpr(Ctx))
          return nullptr;
        E = Decay->getSubExpr();
        continue;
      }
      return dyn_cast<DeclRefExpr>(E);
    }
  }
  /// \p E is read or written as a whole: a direct access when it is a
  /// scalar.
  void access(const Expr *E) {
    if (E->getType()->isScalarType())
      if (const DeclRefExpr *DR = rootOf(E))
        Direct.insert(DR);
  }

  ASTContext &Ctx;
  const Decl *Current = nullptr;
  std::vector<std::pair<const DeclRefExpr *, const VarDecl *>> Refs;
  llvm::DenseSet<const DeclRefExpr *> Direct;
  llvm::DenseSet<const VarDecl *> Indirect;
  llvm::DenseMap<const Decl *, std::vector<const VarDecl *>> Mentions;
  llvm::DenseMap<const Decl *, std::vector<const Decl *>> Calls;
  std::vector<std::pair<const DeclRefExpr *, const Decl *>> FunctionRefs;
  llvm::DenseSet<const DeclRefExpr *> CalleeRefs;
  std::vector<const Decl *> Callbacks;
};

} // namespace

GlobalCells findGlobalCells(ASTContext &Ctx) {
  CellScan Scan(Ctx);
  forEachUserDecl(Ctx, [&](Decl *D) { Scan.TraverseDecl(D); });
  return Scan.result();
}

} // namespace clang::tidy::leaklint::ownership::detail

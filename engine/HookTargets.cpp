//===--- HookTargets.cpp - what a function-pointer hook stands for -------===//

#include "HookTargets.h"
#include "AstHelpers.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
bool isFunctionPointer(QualType T) {
  return T->isFunctionPointerType() || T->isMemberFunctionPointerType();
}

/// The function-pointer field (`hooks->allocate`) or global (`xmlMalloc`)
/// \p E names, if any.
const ValueDecl *hookNamedBy(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
        F && isFunctionPointer(F->getType()))
      return F;
  if (const auto *DR = dyn_cast<DeclRefExpr>(E))
    if (const auto *VD = dyn_cast<VarDecl>(DR->getDecl());
        VD && !VD->hasLocalStorage() && isFunctionPointer(VD->getType()))
      return VD->getCanonicalDecl();
  return nullptr;
}

class HookStoreScan : public RecursiveASTVisitor<HookStoreScan> {
public:
  /// The functions the TU stores into each hook.
  llvm::DenseMap<const ValueDecl *, llvm::SmallPtrSet<const FunctionDecl *, 2>>
      Hooks;

  bool VisitBinaryOperator(BinaryOperator *B) {
    if (B->getOpcode() == BO_Assign)
      if (const ValueDecl *D = hookNamedBy(B->getLHS()))
        store(D, B->getRHS());
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    const Expr *Init = VD->getInit();
    if (!Init)
      return true;
    if (!VD->hasLocalStorage() && isFunctionPointer(VD->getType()))
      store(VD->getCanonicalDecl(), Init);
    return true;
  }
  bool VisitInitListExpr(InitListExpr *ILE) {
    // The visitor sees the syntactic form; the semantic one has one
    // initialiser per field, in order.
    if (ILE->getSemanticForm())
      ILE = ILE->getSemanticForm();
    const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
    if (!RD || RD->isUnion())
      return true;
    unsigned I = 0;
    for (const FieldDecl *F : RD->fields()) {
      if (I >= ILE->getNumInits())
        break;
      if (isFunctionPointer(F->getType()))
        store(F, ILE->getInit(I));
      ++I;
    }
    return true;
  }
  bool VisitCXXConstructorDecl(CXXConstructorDecl *CD) {
    for (const CXXCtorInitializer *CI : CD->inits())
      if (const FieldDecl *F = CI->getMember();
          F && CI->isWritten() && isFunctionPointer(F->getType()))
        store(F, CI->getInit());
    return true;
  }

private:
  /// What `hook = V` stores: a function, either arm of `fn ? fn : malloc`;
  /// anything else (a user's replacement, null) adds none.
  void store(const ValueDecl *D, const Expr *V) {
    V = V->IgnoreParenCasts();
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(V)) {
      store(D, CO->getTrueExpr());
      store(D, CO->getFalseExpr());
      return;
    }
    if (const FunctionDecl *FD = namedFunction(V))
      Hooks[D].insert(FD->getCanonicalDecl());
  }
};
} // namespace

bool standsForProgramFunction(const ValueDecl *Hook, const FunctionDecl *F,
                              const SourceManager &SM) {
  return F && isa<VarDecl>(Hook) && F->isExternallyVisible() &&
         !isa<CXXMethodDecl>(F) && !isStdOrSystem(F, SM);
}

const ValueDecl *hookCalledBy(const CallExpr *CE) {
  const Expr *C = CE->getCallee()->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(C);
      UO && UO->getOpcode() == UO_Deref)
    C = UO->getSubExpr();
  return hookNamedBy(C);
}

llvm::DenseMap<const ValueDecl *, const FunctionDecl *>
hookSettings(ASTContext &Ctx) {
  HookStoreScan Scan;
  forEachUserDecl(Ctx, [&](Decl *D) { Scan.TraverseDecl(D); });
  llvm::DenseMap<const ValueDecl *, const FunctionDecl *> Settings;
  for (const auto &[D, Functions] : Scan.Hooks)
    Settings[D] = Functions.size() == 1 ? *Functions.begin() : nullptr;
  return Settings;
}

} // namespace clang::tidy::leaklint::ownership::detail

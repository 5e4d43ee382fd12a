//===--- Correlation.cpp - which undecided conditions may be one ----------===//

#include "Correlation.h"
#include "AstHelpers.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
const VarDecl *localOf(const Expr *E) {
  return namedLocal(E->IgnoreParenImpCasts());
}
} // namespace

void ConditionCorrelation::indexBody() {
  Indexed = true;
  forEachNode(Body, [&](const Stmt *X) {
    if (const auto *DS = dyn_cast<DeclStmt>(X)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D)) {
          if (const Expr *Init = V->getInit())
            Assigned[V->getCanonicalDecl()].push_back(Init);
          // `int &r = flag;`: a second name that writes it.
          if (V->getType()->isReferenceType() && V->getInit())
            if (const VarDecl *L = localOf(V->getInit()))
              Exposed.insert(L);
        }
    } else if (const auto *BO = dyn_cast<BinaryOperator>(X)) {
      if (BO->isAssignmentOp())
        if (const VarDecl *L = localOf(BO->getLHS()))
          Assigned[L].push_back(BO->getRHS());
    } else if (const auto *UO = dyn_cast<UnaryOperator>(X)) {
      if (UO->getOpcode() == UO_AddrOf)
        if (const VarDecl *L = localOf(UO->getSubExpr()))
          Exposed.insert(L);
    } else if (const auto *CE = dyn_cast<CallExpr>(X)) {
      const FunctionDecl *F = CE->getDirectCallee();
      for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
        const VarDecl *L = localOf(CE->getArg(I));
        if (!L)
          continue;
        // Given to a non-const reference, or to code the engine cannot type.
        const ParmVarDecl *P =
            F && I < F->getNumParams() ? F->getParamDecl(I) : nullptr;
        QualType T = P ? P->getType() : QualType();
        if (!P || (T->isReferenceType() &&
                   !T.getNonReferenceType().isConstQualified()))
          if (!CE->getArg(I)->IgnoreParens()->isPRValue())
            Exposed.insert(L);
      }
    } else if (isa<ForStmt, WhileStmt, DoStmt>(X)) {
      const Stmt *LoopBody = isa<ForStmt>(X)     ? cast<ForStmt>(X)->getBody()
                             : isa<WhileStmt>(X) ? cast<WhileStmt>(X)->getBody()
                                                 : cast<DoStmt>(X)->getBody();
      LoopWrites W{LoopBody, {}};
      if (const auto *CS = dyn_cast_or_null<CompoundStmt>(LoopBody))
        for (const Stmt *St : CS->body())
          if (const auto *BO = dyn_cast<BinaryOperator>(St);
              BO && BO->getOpcode() == BO_Assign)
            if (const auto *ME =
                    dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenImpCasts()))
              W.Members.push_back(
                  {ME->getMemberDecl()->getCanonicalDecl(), BO});
      if (LoopBody)
        Loops.push_back(std::move(W));
    } else if (const auto *LE = dyn_cast<LambdaExpr>(X)) {
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
          if (const auto *V = dyn_cast<VarDecl>(C.getCapturedVar()))
            Exposed.insert(V->getCanonicalDecl());
    }
  });
}

void ConditionCorrelation::collect(
    const Stmt *S, Atoms &Out, bool Direct, bool AsBase,
    llvm::SmallPtrSetImpl<const VarDecl *> &Visiting) {
  if (!S)
    return;
  if (const auto *DR = dyn_cast<DeclRefExpr>(S)) {
    const auto *V = dyn_cast<VarDecl>(DR->getDecl());
    if (!V || AsBase)
      return;
    V = V->getCanonicalDecl();
    Out.Reads.insert(V);
    if (Direct)
      Out.Vars.insert(V);
    if (!V->hasLocalStorage())
      return;
    if (Exposed.contains(V))
      Out.Opaque = true;
    auto It = Assigned.find(V);
    if (It != Assigned.end() && Visiting.insert(V).second)
      for (const Expr *E : It->second)
        collect(E, Out, /*Direct=*/false, /*AsBase=*/false, Visiting);
    return;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(S)) {
    // `opts->enabled`, `conn.isOpen()`: the member is the atom, whatever
    // object it is read on; calls in the object's expression still count.
    Out.Reads.insert(ME->getMemberDecl()->getCanonicalDecl());
    if (Direct)
      Out.ReadsMore = true;
    collect(ME->getBase(), Out, Direct, /*AsBase=*/true, Visiting);
    return;
  }
  if (const auto *CE = dyn_cast<CallExpr>(S); CE && !isa<CXXMemberCallExpr>(CE)) {
    if (Direct)
      Out.ReadsMore = true;
    const FunctionDecl *F = CE->getDirectCallee();
    if (CE->getNumArgs() > 0) {
      // The same question asked twice.
      llvm::FoldingSetNodeID ID;
      CE->Profile(ID, Ctx, /*Canonical=*/true);
      Out.Questions.push_back(ID.ComputeHash());
    } else if (!F || F->hasBody()) {
      // A function of the program given nothing reads program state.
      Out.Reads.insert(F ? static_cast<const void *>(F->getCanonicalDecl())
                         : CE->getCallee()->IgnoreParenImpCasts());
    }
    for (const Stmt *C : CE->children())
      collect(C, Out, Direct, AsBase, Visiting);
    return;
  }
  // `start(cmd, &out) < 0`: the address of a local is not what it holds.
  // What the call leaves there is read by the tests that name it.
  if (const auto *UO = dyn_cast<UnaryOperator>(S);
      UO && UO->getOpcode() == UO_AddrOf)
    if (const auto *DR =
            dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParenImpCasts()))
      if (const auto *V = dyn_cast<VarDecl>(DR->getDecl());
          V && V->hasLocalStorage())
        return;
  if (Direct)
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        (UO && UO->getOpcode() == UO_Deref) || isa<ArraySubscriptExpr>(S))
      Out.ReadsMore = true;
  for (const Stmt *C : S->children())
    collect(C, Out, Direct, AsBase && isa<ImplicitCastExpr, ParenExpr>(S),
            Visiting);
}

const ConditionCorrelation::Atoms &
ConditionCorrelation::atomsOf(const Expr *E) {
  auto It = Cache.find(E);
  if (It != Cache.end())
    return It->second;
  if (!Indexed)
    indexBody();
  Atoms A;
  llvm::SmallPtrSet<const VarDecl *, 8> Visiting;
  collect(E, A, /*Direct=*/true, /*AsBase=*/false, Visiting);
  return Cache.try_emplace(E, std::move(A)).first->second;
}

bool ConditionCorrelation::refreshedEachTurn(const Expr *E) {
  const Atoms &X = atomsOf(E);
  if (X.Opaque || !X.Questions.empty() || X.Reads.empty())
    return false;
  const SourceManager &SM = Ctx.getSourceManager();
  auto Within = [&](const Stmt *Inner, const Stmt *Outer) {
    SourceRange I = Inner->getSourceRange(), O = Outer->getSourceRange();
    return I.isValid() && O.isValid() &&
           !SM.isBeforeInTranslationUnit(I.getBegin(), O.getBegin()) &&
           !SM.isBeforeInTranslationUnit(O.getEnd(), I.getEnd());
  };
  const LoopWrites *Innermost = nullptr;
  for (const LoopWrites &L : Loops)
    if (Within(E, L.Body) && (!Innermost || Within(L.Body, Innermost->Body)))
      Innermost = &L;
  if (!Innermost)
    return false;
  return llvm::all_of(X.Reads, [&](const void *R) {
    return llvm::any_of(Innermost->Members, [&](const auto &W) {
      return W.first == R &&
             SM.isBeforeInTranslationUnit(W.second->getEndLoc(),
                                          E->getBeginLoc());
    });
  });
}

bool ConditionCorrelation::mayCorrelate(const Expr *A, const Expr *B) {
  if (!A || !B)
    return true;
  // The same test on two turns of a loop that refreshes what it reads.
  if (A == B && refreshedEachTurn(A))
    return false;
  const Atoms &X = atomsOf(A);
  const Atoms &Y = atomsOf(B);
  // Two tests of one variable against constants (`level > 0`, then
  // `level > 1`): the constraints the path keeps relate them exactly.
  if (!X.ReadsMore && !Y.ReadsMore && X.Vars.size() == 1 && X.Vars == Y.Vars)
    return false;
  if ((X.Opaque && !Y.empty()) || (Y.Opaque && !X.empty()))
    return true;
  return llvm::any_of(X.Reads, [&](const void *R) { return Y.Reads.contains(R); }) ||
         llvm::any_of(X.Questions,
                      [&](unsigned Q) { return llvm::is_contained(Y.Questions, Q); });
}

} // namespace clang::tidy::leaklint::ownership::detail

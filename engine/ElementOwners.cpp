//===--- ElementOwners.cpp - classes that delete their elements ----------===//

#include "ElementOwners.h"
#include "AstHelpers.h"
#include "ContainerModel.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang::tidy::leaklint::ownership::detail {
namespace {

/// Whether \p E is member \p F of the object itself (`ranges_`,
/// `this->ranges_`).
bool isOwnMember(const Expr *E, const FieldDecl *F) {
  const auto *ME = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  return ME && ME->getMemberDecl() == F &&
         isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts());
}

/// The container an iterator variable walks: `it` declared or assigned
/// `F.begin()` in the loop's init.
bool iteratesMember(const VarDecl *It, const FieldDecl *F) {
  const CXXMemberCallExpr *MC =
      It->getInit() ? iteratorCall(It->getInit()) : nullptr;
  return MC &&
         llvm::is_contained({"begin", "cbegin", "rbegin", "crbegin"},
                            MC->getMethodDecl()->getName()) &&
         isOwnMember(MC->getImplicitObjectArgument(), F);
}

const VarDecl *varOf(const Expr *E) {
  const auto *DR = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DR ? dyn_cast<VarDecl>(DR->getDecl()) : nullptr;
}

/// Whether the deleted expression \p Arg is an element of \p F, reached
/// the way a loop over all of them reaches it.
bool deletesElement(const Expr *Arg, const FieldDecl *F, const ParentMap &PM) {
  Arg = Arg->IgnoreParenImpCasts();
  // `ranges_[i]`, `ranges_.at(i)`, inside a loop.
  auto InLoop = [&](const Stmt *S) {
    for (const Stmt *P = PM.getParent(S); P; P = PM.getParent(P))
      if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(P))
        return true;
    return false;
  };
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Arg)) {
    if (OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
      return isOwnMember(OC->getArg(0), F) && InLoop(OC);
    // `*it`, where `it` walks the member.
    if (OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
      if (const VarDecl *It = varOf(OC->getArg(0)))
        return iteratesMember(It, F) && InLoop(OC);
    return false;
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Arg))
    return MC->getMethodDecl() && MC->getMethodDecl()->getIdentifier() &&
           MC->getMethodDecl()->getName() == "at" &&
           isOwnMember(MC->getImplicitObjectArgument(), F) && InLoop(MC);
  // `it->second`, where `it` walks a map member.
  if (const auto *ME = dyn_cast<MemberExpr>(Arg))
    if (const auto *OC =
            dyn_cast<CXXOperatorCallExpr>(ME->getBase()->IgnoreParenImpCasts());
        OC && OC->getOperator() == OO_Arrow && OC->getNumArgs() == 1)
      if (const VarDecl *It = varOf(OC->getArg(0)))
        return iteratesMember(It, F) && InLoop(OC);
  // The variable of `for (Range *r : ranges_)`.
  if (const VarDecl *V = varOf(Arg))
    for (const Stmt *P = PM.getParent(Arg); P; P = PM.getParent(P))
      if (const auto *For = dyn_cast<CXXForRangeStmt>(P);
          For && For->getLoopVariable() == V && For->getRangeInit())
        return isOwnMember(For->getRangeInit(), F);
  return false;
}

bool bodyDeletesElements(const FunctionDecl *Fn, const FieldDecl *F,
                         llvm::SmallPtrSetImpl<const FunctionDecl *> &Seen) {
  const FunctionDecl *Def = nullptr;
  if (!Fn || !Fn->hasBody(Def) || !Def->getBody() || !Seen.insert(Def).second ||
      Seen.size() > 8)
    return false;
  ParentMap PM(Def->getBody());
  bool Deletes = false;
  forEachNode(Def->getBody(), [&](const Stmt *S) {
    if (Deletes)
      return;
    if (const auto *DE = dyn_cast<CXXDeleteExpr>(S))
      Deletes = deletesElement(DE->getArgument(), F, PM);
    // `clear()` of the class, called on the object itself.
    else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S))
      if (const auto *MD = MC->getMethodDecl();
          MD && MD->getParent() == F->getParent() &&
          isa<CXXThisExpr>(
              MC->getImplicitObjectArgument()->IgnoreParenImpCasts()))
        Deletes = bodyDeletesElements(MD, F, Seen);
  });
  return Deletes;
}

} // namespace

bool destructorDeletesElements(const FieldDecl *F) {
  const auto *RD = dyn_cast<CXXRecordDecl>(F->getParent());
  if (!RD || !RD->hasDefinition() ||
      containerShape(F->getType()) == ContainerShape::None)
    return false;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
  return bodyDeletesElements(RD->getDestructor(), F, Seen);
}

} // namespace clang::tidy::leaklint::ownership::detail

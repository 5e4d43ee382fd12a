//===--- ContainerModel.cpp - the standard containers the engine follows -===//

#include "ContainerModel.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::leaklint::ownership {

namespace {
bool inStd(const Decl *D) {
  const DeclContext *DC = D->getDeclContext();
  while (DC && (DC->isInlineNamespace() || isa<LinkageSpecDecl>(DC)))
    DC = DC->getParent();
  return DC && DC->isStdNamespace();
}

bool isTrackedElement(QualType T) {
  T = T.getCanonicalType();
  return T->isPointerType() || T->isIntegerType();
}
} // namespace

ContainerShape containerShape(QualType T) {
  if (T.isNull())
    return ContainerShape::None;
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->getIdentifier() || !inStd(Spec))
    return ContainerShape::None;
  // Which template argument is the element: 0 for sequences and sets, 1
  // for maps (the mapped type).
  ContainerShape Shape =
      llvm::StringSwitch<ContainerShape>(Spec->getName())
          .Cases("vector", "deque", "list", "forward_list", "array",
                 ContainerShape::Sequence)
          .Cases("set", "multiset", "unordered_set", "unordered_multiset",
                 ContainerShape::Set)
          .Cases("map", "multimap", "unordered_map", "unordered_multimap",
                 ContainerShape::Map)
          .Default(ContainerShape::None);
  unsigned Arg = Shape == ContainerShape::Map ? 1 : 0;
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  if (Shape == ContainerShape::None || Arg >= Args.size() ||
      Args[Arg].getKind() != TemplateArgument::Type ||
      !isTrackedElement(Args[Arg].getAsType()))
    return ContainerShape::None;
  return Shape;
}

ContainerOp containerOp(const CXXMethodDecl *MD) {
  if (!MD)
    return ContainerOp::Other;
  if (MD->getOverloadedOperator() == OO_Subscript)
    return ContainerOp::Access;
  if (!MD->getIdentifier())
    return ContainerOp::Other;
  return llvm::StringSwitch<ContainerOp>(MD->getName())
      .Cases("push_back", "emplace_back", "push_front", "emplace_front",
             ContainerOp::Add)
      .Cases("insert", "emplace", "emplace_hint", "try_emplace",
             ContainerOp::Add)
      .Cases("at", "front", "back", ContainerOp::Access)
      .Cases("size", "empty", "count", "contains", "find", "max_size",
             ContainerOp::Read)
      .Cases("begin", "end", "cbegin", "cend", "rbegin", "rend",
             ContainerOp::Read)
      .Cases("capacity", "reserve", "lower_bound", "upper_bound",
             "equal_range", ContainerOp::Read)
      .Default(ContainerOp::Other);
}

const CXXMemberCallExpr *iteratorCall(const Expr *E) {
  E = E->IgnoreImplicit();
  if (const auto *Copy = dyn_cast<CXXConstructExpr>(E);
      Copy && Copy->getNumArgs() == 1)
    E = Copy->getArg(0)->IgnoreImplicit();
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E);
  const CXXMethodDecl *MD = MC ? MC->getMethodDecl() : nullptr;
  return MD && MD->getIdentifier() ? MC : nullptr;
}

} // namespace clang::tidy::leaklint::ownership

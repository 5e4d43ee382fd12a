//===--- AllocatorAttributes.cpp - allocators a declaration says it is ---===//

#include "AllocatorAttributes.h"
#include "clang/AST/Attr.h"

namespace clang::tidy::leaklint::ownership::detail {

namespace {
/// The kind of resource a function returning \p T hands out.
ResourceKind kindOfResult(QualType T) {
  if (!T->isPointerType())
    return ResourceKind::Custom;
  QualType P = T->getPointeeType().getUnqualifiedType();
  if (const auto *TT = P->getAs<TypedefType>()) {
    llvm::StringRef N = TT->getDecl()->getName();
    if (N == "FILE")
      return ResourceKind::File;
    if (N == "DIR")
      return ResourceKind::Directory;
  }
  return ResourceKind::Memory;
}
} // namespace

std::optional<AttributeAcquisition> attributeAcquisition(const FunctionDecl *FD) {
  if (!FD)
    return std::nullopt;
  for (const auto *OA : FD->specific_attrs<OwnershipAttr>())
    if (OA->getOwnKind() == OwnershipAttr::Returns && OA->getModule())
      return AttributeAcquisition{OA->getModule()->getName().str(),
                                  kindOfResult(FD->getReturnType())};
  // The plain `malloc` attribute promises a pointer that aliases nothing:
  // fresh memory, or an object of the library's own.
  if (FD->hasAttr<RestrictAttr>() && FD->getReturnType()->isPointerType())
    return AttributeAcquisition{"", kindOfResult(FD->getReturnType())};
  return std::nullopt;
}

std::optional<AttributeRelease> attributeRelease(const FunctionDecl *FD) {
  if (!FD)
    return std::nullopt;
  for (const auto *OA : FD->specific_attrs<OwnershipAttr>())
    if (OA->getOwnKind() == OwnershipAttr::Takes && OA->getModule() &&
        OA->args_size() > 0)
      return AttributeRelease{OA->getModule()->getName().str(),
                              OA->args_begin()->getASTIndex()};
  return std::nullopt;
}

bool attributeHolds(const FunctionDecl *FD, unsigned Arg) {
  if (!FD)
    return false;
  for (const auto *OA : FD->specific_attrs<OwnershipAttr>())
    if (OA->getOwnKind() == OwnershipAttr::Holds)
      for (const ParamIdx &I : OA->args())
        if (I.getASTIndex() == Arg)
          return true;
  return false;
}

} // namespace clang::tidy::leaklint::ownership::detail

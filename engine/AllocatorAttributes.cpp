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
                                  kindOfResult(FD->getReturnType()),
                                  FailureValue::Null};
  // The plain `malloc` attribute promises a pointer that aliases nothing:
  // fresh memory, or an object of the library's own. The program's own
  // allocators (xmalloc, gnulib's) are taken at their word, as not failing:
  // such wrappers abort instead. A system library's may report failure
  // otherwise than by null (glibc's `iconv_open` returns -1) and name no
  // release: only the strings it returns (GLib's `g_path_get_dirname`,
  // `g_build_filename`) are taken, null on failure.
  QualType R = FD->getReturnType();
  if (!FD->hasAttr<RestrictAttr>() || !R->isPointerType())
    return std::nullopt;
  // A method's object may keep what it returns: a pool's or an arena's
  // block, a buffer that grows and is reused (mpd's `PcmBuffer::Get`). The
  // attribute promises no alias, not that the caller owns the result.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD); MD && !MD->isStatic())
    return std::nullopt;
  // So may a C allocator's context given first, a pool or a memory context
  // whose blocks go with it (pgbouncer's `cx_alloc(CxMem *cx, len)`).
  if (FD->getNumParams() > 0) {
    QualType P = FD->getParamDecl(0)->getType();
    if (P->isPointerType() && P->getPointeeType()->isRecordType() &&
        !FD->getASTContext().hasSameUnqualifiedType(P->getPointeeType(),
                                                    R->getPointeeType()))
      return std::nullopt;
  }
  // And one that also stores what it returns through an out-parameter
  // (bitlbee's `help_t *help_init(help_t **help, ..)` keeps it in `*help`):
  // the caller's variable holds it, whatever becomes of the result.
  for (const ParmVarDecl *P : FD->parameters())
    if (P->getType()->isPointerType() &&
        FD->getASTContext().hasSameUnqualifiedType(
            P->getType()->getPointeeType(), R))
      return std::nullopt;
  const SourceManager &SM = FD->getASTContext().getSourceManager();
  if (!SM.isInSystemHeader(SM.getExpansionLoc(FD->getLocation())))
    return AttributeAcquisition{"", kindOfResult(R), FailureValue::None};
  if (R->getPointeeType()->isAnyCharacterType())
    return AttributeAcquisition{"", ResourceKind::Memory, FailureValue::Null};
  return std::nullopt;
}

bool takesBlockOver(const FunctionDecl *FD) {
  if (!FD || FD->getNumParams() == 0 || !FD->getReturnType()->isPointerType())
    return false;
  QualType P = FD->getParamDecl(0)->getType();
  if (!P->isPointerType() || P->getPointeeType().isConstQualified())
    return false;
  ASTContext &Ctx = FD->getASTContext();
  return Ctx.hasSameUnqualifiedType(P->getPointeeType(),
                                    FD->getReturnType()->getPointeeType());
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

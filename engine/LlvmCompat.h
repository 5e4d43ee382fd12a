//===--- LlvmCompat.h - one source for LLVM 19 and LLVM 22 -----*- C++ -*-===//
//
// leaklint builds against LLVM 19 and LLVM 22 (a clang-tidy plugin loads only
// into the clang-tidy of its own major version). The few APIs that changed
// between the two are wrapped here, so that the rest of the code reads the
// same for both.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_LLVMCOMPAT_H
#define LEAKLINT_ENGINE_LLVMCOMPAT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/TypeLoc.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::leaklint::compat {

/// The namespace that qualifies an unresolved name (`std::move` in a
/// template), if any.
inline const NamespaceDecl *qualifierNamespace(const UnresolvedLookupExpr *E) {
#if LLVM_VERSION_MAJOR >= 22
  NestedNameSpecifier NNS = E->getQualifier();
  if (NNS.getKind() != NestedNameSpecifier::Kind::Namespace)
    return nullptr;
  return dyn_cast_or_null<NamespaceDecl>(NNS.getAsNamespaceAndPrefix().Namespace);
#else
  const NestedNameSpecifier *NNS = E->getQualifier();
  return NNS ? NNS->getAsNamespace() : nullptr;
#endif
}

/// The type of the class \p RD, as its name is printed (`Connection<A>`).
inline QualType recordType(const CXXRecordDecl *RD) {
#if LLVM_VERSION_MAJOR >= 22
  return RD->getASTContext().getCanonicalTagType(RD);
#else
  return RD->getASTContext().getTypeDeclType(RD);
#endif
}

/// \p TL without the keyword or qualifier sugar LLVM 19 wraps around a
/// written type (`struct S`, `ns::T<int>`); LLVM 22 has none.
inline TypeLoc withoutElaboration(TypeLoc TL) {
#if LLVM_VERSION_MAJOR < 22
  if (auto ETL = TL.getAs<ElaboratedTypeLoc>())
    return ETL.getNamedTypeLoc().getUnqualifiedLoc();
#endif
  return TL;
}

/// \p Path made absolute against \p Dir.
inline void makeAbsolute(const llvm::Twine &Dir,
                         llvm::SmallVectorImpl<char> &Path) {
#if LLVM_VERSION_MAJOR >= 22
  llvm::sys::path::make_absolute(Dir, Path);
#else
  llvm::sys::fs::make_absolute(Dir, Path);
#endif
}

} // namespace clang::tidy::leaklint::compat

#endif // LEAKLINT_ENGINE_LLVMCOMPAT_H

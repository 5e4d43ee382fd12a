//===--- HookTargets.h - what a function-pointer hook stands for -*- C++ -*-===//
//
// Libraries allocate through hooks the application may replace: cJSON's
// `global_hooks.allocate`, set to `malloc` unless the user gives another,
// libxml2's `xmlMalloc`. A call through such a pointer is a call of the
// function the TU sets it to. The scan reads every initialisation and
// assignment of function-pointer fields and globals in the TU (outside
// system headers) and keeps those set to one function of the model (malloc,
// free, ...) and to no other function: the values from elsewhere (a user's
// replacement) keep the contract of the function they replace. A hook set
// to a function of the program stands for it only where the whole program
// is seen (whole-program mode, a global every unit sets to that function):
// a table of operations may be filled by another TU with another
// implementation.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_HOOKTARGETS_H
#define LEAKLINT_ENGINE_HOOKTARGETS_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"

namespace clang::tidy::leaklint::ownership::detail {

/// For each function-pointer field or global the TU stores a function into,
/// the one function it stores there, or null (two functions).
llvm::DenseMap<const ValueDecl *, const FunctionDecl *>
hookSettings(ASTContext &Ctx);

/// Whether a call through \p Hook, set to \p F by every unit of the program
/// that sets it, may be taken for a call of \p F: \p Hook is a global (a
/// field is a table of operations that other programs' units fill), \p F a
/// function of the program with external linkage.
bool standsForProgramFunction(const ValueDecl *Hook, const FunctionDecl *F,
                              const SourceManager &SM);

/// The function-pointer field (`hooks->allocate`) or global (`xmlMalloc`)
/// that the call \p CE calls through, if any.
const ValueDecl *hookCalledBy(const CallExpr *CE);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_HOOKTARGETS_H

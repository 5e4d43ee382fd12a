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
// to a function of the program is left alone: a table of operations may be
// filled by another TU with another implementation.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_HOOKTARGETS_H
#define LEAKLINT_ENGINE_HOOKTARGETS_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include <functional>

namespace clang::tidy::leaklint::ownership::detail {

/// For each function-pointer field or global the TU stores a function into,
/// the function it stands for if it is a hook of the model (see above), or
/// null (set to a function of the program, or to two functions); \p
/// IsModelled tells which functions are the model's allocators and releases.
llvm::DenseMap<const ValueDecl *, const FunctionDecl *>
hookTargets(ASTContext &Ctx,
            const std::function<bool(const FunctionDecl *)> &IsModelled);

/// The function-pointer field (`hooks->allocate`) or global (`xmlMalloc`)
/// that the call \p CE calls through, if any.
const ValueDecl *hookCalledBy(const CallExpr *CE);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_HOOKTARGETS_H

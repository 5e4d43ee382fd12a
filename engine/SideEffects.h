//===--- SideEffects.h - globals written, exceptions thrown ----*- C++ -*-===//
//
// Syntactic passes for what the path walk does not see.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_SIDEEFFECTS_H
#define LEAKLINT_ENGINE_SIDEEFFECTS_H

#include "OwnershipEngine.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leaklint::ownership::detail {

/// Adds to \p Sum the globals \p Def writes and whether an exception may
/// leave it, here and (through their summaries) in its callees.
void scanSideEffects(OwnershipEngine &Eng, const FunctionDecl *Def,
                     FunctionSummary &Sum);

/// The globals (canonical declarations) that the code in scope writes or
/// takes the address of, outside system headers.
llvm::DenseSet<const VarDecl *> writtenGlobals(ASTContext &Ctx);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_SIDEEFFECTS_H

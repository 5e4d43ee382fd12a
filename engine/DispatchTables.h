//===--- DispatchTables.h - calls through a table of functions -*- C++ -*-===//
//
// C programs pick a constructor or a handler from a table indexed by a
// kind: `static grid *(*grid_news[])(int, int, const char *) = { ... };`
// and `return grid_news[type](w, h, desc);`. A table the TU alone can name
// (a `static` array) and only ever reads an element of holds what its
// initialiser put there: a call through it calls one of those functions.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_DISPATCHTABLES_H
#define LEAKLINT_ENGINE_DISPATCHTABLES_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leaklint::ownership::detail {

/// The table \p CE calls through (`tbl[i](..)`), if it is an array of
/// function pointers of internal linkage with an initialiser.
const VarDecl *tableCalledBy(const CallExpr *CE);

/// The functions \p Table's initialiser puts in it, if the TU does nothing
/// else with the table than read its elements (no store, no address, no
/// pointer to it given anywhere); empty otherwise.
llvm::SmallVector<const FunctionDecl *, 8> tableTargets(ASTContext &Ctx,
                                                        const VarDecl *Table);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_DISPATCHTABLES_H

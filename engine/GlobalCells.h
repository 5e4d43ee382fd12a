//===--- GlobalCells.h - globals whose parts the engine follows -*- C++ -*-===//
//
// A global (a file-scope or static local variable, a static data member)
// whose every use in the TU names one scalar part of it directly (`g`,
// `g.field`, `g[2]`, read or assigned) can be followed part by part, as a
// local is: each such part is a "cell". Its address is never taken, no
// reference is bound to it, it is never copied whole and no element of it is
// picked at run time, so the only code that reads or writes a cell is code
// that names it, and a function's summary can say what it does to each cell.
//
// Code outside the TU reaches a cell only when the global is visible to it
// (external linkage) or through a function of the TU it was given (a
// callback that names the global, directly or through the functions it
// calls): a call of code the engine cannot see may change such cells, and
// only those.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_GLOBALCELLS_H
#define LEAKLINT_ENGINE_GLOBALCELLS_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leaklint::ownership::detail {

struct GlobalCells {
  /// The globals (canonical declarations) whose parts are cells. Only
  /// globals declared in the main file, where every use is in view.
  llvm::DenseSet<const VarDecl *> Cells;
  /// Those of them that code outside the TU may reach.
  llvm::DenseSet<const VarDecl *> Reachable;
};

GlobalCells findGlobalCells(ASTContext &Ctx);

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_GLOBALCELLS_H

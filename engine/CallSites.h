//===--- CallSites.h - what every caller of a file-local function passes -*- C++ -*-===//
//
// A function with internal linkage whose address the TU never takes is
// called only from the TU's own call expressions: they are all its callers.
// What they pass can then settle what the function alone cannot: a helper
// that grows `*pp` with `realloc` loses no block when every caller hands it
// a pointer that is still null (`char *data = NULL; grow(&data, n);`).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_CALLSITES_H
#define LEAKLINT_ENGINE_CALLSITES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leaklint::ownership::detail {

class CallSites {
public:
  explicit CallSites(ASTContext &Ctx) : Ctx(Ctx) {}
  /// Whether every call of \p FD passes, as argument \p Param, a local
  /// pointer that is null there: the address of one (or, to a reference
  /// parameter, the pointer itself) declared `= NULL` and not used between
  /// its declaration and the call, on a path that runs the declaration
  /// again before each call (no loop, label or case in between). False
  /// when \p FD is visible outside the TU, its address is taken or it is
  /// never called.
  bool everyCallPassesNull(const FunctionDecl *FD, unsigned Param);

private:
  void scan();
  bool passesNull(const CallExpr *CE, unsigned Param, bool ByReference) const;

  ASTContext &Ctx;
  bool Scanned = false;
  /// The direct calls of each function (by canonical declaration).
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 4>>
      Calls;
  /// Functions named other than as the callee of a call.
  llvm::DenseSet<const FunctionDecl *> Referenced;
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif

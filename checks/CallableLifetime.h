//===--- CallableLifetime.h - how long a store keeps a callable -*- C++ -*-===//
//
// Helpers of leaklint-lambda-capture that decide, from the code of the
// translation unit, whether a store that receives a callable keeps it:
//   * a member that a class consumes once (a task queue popped after the
//     task is taken out, a completion handler reset after it runs) drops
//     each callable after running it: StoreFate::RunOnce;
//   * a member whose callables are run and stay (a signal's slot list) keeps
//     them: StoreFate::Kept;
//   * a registration whose token or connection is handed back to an
//     unregistering call on every path out of the scope, or held by an
//     object whose destructor unregisters, does not outlive that scope.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_CALLABLELIFETIME_H
#define LEAKLINT_CHECKS_CALLABLELIFETIME_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <string>

namespace clang::tidy::leaklint {

/// What a data member does with the callables stored in it.
enum class StoreFate {
  Unknown, ///< The code that reads it is not (all) in the translation unit:
           ///< it escapes (an accessor returns it), or a member function of
           ///< its class is defined elsewhere and none here takes it out.
  Kept,    ///< Some code runs or reads an element and leaves it there, or
           ///< nothing in a class whose code is all here takes it out.
  RunOnce, ///< Every reader takes the element out (pop, erase, reset,
           ///< move-out) where it runs it: it dies after one run.
  Unseen,  ///< The parser skipped the bodies of some of its class's member
           ///< functions (clangd's preamble): unknown, and not guessed.
};

class CallableLifetime {
public:
  CallableLifetime(ASTContext &Ctx, llvm::ArrayRef<std::string> UnregisteringFunctions)
      : Ctx(Ctx), UnregisteringFunctions(UnregisteringFunctions) {}

  /// What the member functions of \p M's class (and the lambdas in them) do
  /// with the callables stored in \p M.
  StoreFate fateOf(const FieldDecl *M);
  /// The same for a global that only this translation unit names (a
  /// `static` at namespace scope or in a function): what the functions
  /// that name it do with its callables.
  StoreFate fateOf(const VarDecl *G);

  /// Whether the registration made by \p Call (a statement of \p Fn that
  /// stored a callable into \p M, or somewhere unknown when \p M is null)
  /// is undone before \p Fn returns: its result is kept in a local that is
  /// passed to an unregistering call on every path to the exit, or whose
  /// destructor unregisters.
  bool undoneInScope(const CallExpr *Call, const FunctionDecl *Fn, const FieldDecl *M);

private:
  bool unregisters(const FunctionDecl *F, const FieldDecl *M, unsigned Depth);
  /// What \p Bodies do with the callables of \p Store (a field or a
  /// global); \p Undefined: some code that may read it is not here.
  StoreFate fateIn(llvm::ArrayRef<const FunctionDecl *> Bodies,
                   const ValueDecl *Store, bool Undefined);
  bool destructorUnregisters(QualType T, const FieldDecl *M);

  ASTContext &Ctx;
  llvm::ArrayRef<std::string> UnregisteringFunctions;
  llvm::DenseMap<const ValueDecl *, StoreFate> Fates;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_CALLABLELIFETIME_H

//===--- Correlation.h - which undecided conditions may be one -*- C++ -*-===//
//
// The precision rule (docs/checks/owning-pointer.md) drops a leak whose path
// took two undecided branches that may test one condition twice: the callers
// may keep `flagA == flagB`. This decides "may be one condition": the two
// read a common atom of program state.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_CORRELATION_H
#define LEAKLINT_ENGINE_CORRELATION_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang::tidy::leaklint::ownership::detail {

/// The atoms of program state the conditions of one function body read.
///
/// An atom is a variable, a member (a field or a method, whatever object it
/// is read on), a function whose body is in view called without arguments,
/// or one call with its arguments (`getenv("HOME")` asked twice is one
/// question). A local variable also reads the atoms of every value the body
/// assigns to it (`int has = n > 0;` reads `n`). Two conditions may be one
/// when they share an atom. A call of a function the engine cannot see,
/// given nothing (`rand_bool()`), reads no atom: each call is a fresh value.
/// A local the body passes by address or reference may hold anything: a
/// condition reading it may be one with any condition that reads state.
/// One condition met again on a later turn of its loop is a new question
/// when the loop assigns every member it reads before it on each turn
/// (`o.name = read_name(p); if (!o.name) break;`).
class ConditionCorrelation {
public:
  ConditionCorrelation(const Stmt *Body, ASTContext &Ctx)
      : Body(Body), Ctx(Ctx) {}

  /// Whether \p A and \p B may be one condition tested twice. A null
  /// condition (an exception assumed at a call) may be one with anything.
  bool mayCorrelate(const Expr *A, const Expr *B);

private:
  struct Atoms {
    llvm::SmallPtrSet<const void *, 4> Reads;
    llvm::SmallVector<unsigned, 2> Questions; ///< call profiles
    /// The variables read directly, and whether anything else is read (a
    /// member, a pointee, a call's result).
    llvm::SmallPtrSet<const Decl *, 2> Vars;
    bool ReadsMore = false;
    bool Opaque = false; ///< reads a local written behind the body's back
    bool empty() const { return Reads.empty() && Questions.empty(); }
  };
  const Atoms &atomsOf(const Expr *E);
  void collect(const Stmt *S, Atoms &Out, bool Direct, bool AsBase,
               llvm::SmallPtrSetImpl<const VarDecl *> &Visiting);
  void indexBody();
  /// Whether every turn of the innermost loop around \p E assigns each
  /// member \p E reads before reaching it, in a statement of the loop's
  /// body itself (not under a branch).
  bool refreshedEachTurn(const Expr *E);

  const Stmt *Body;
  ASTContext &Ctx;
  bool Indexed = false;
  /// What the body assigns to each local (initialisers included).
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<const Expr *, 2>> Assigned;
  /// Locals passed by address or bound to a reference.
  llvm::DenseSet<const VarDecl *> Exposed;
  /// The loops of the body, and the members each assigns in a statement
  /// of its body itself, with where.
  struct LoopWrites {
    const Stmt *Body;
    llvm::SmallVector<std::pair<const Decl *, const Stmt *>, 4> Members;
  };
  llvm::SmallVector<LoopWrites, 4> Loops;
  llvm::DenseMap<const Expr *, Atoms> Cache;
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif

//===--- ThreadLifetime.h - how long a thread's owner lives -*- C++ -*-===//
//
// Helpers of leaklint-unjoined-thread for threads whose lifetime is decided
// outside the destructor of the class that owns them:
//   * ImmortalClasses: classes the translation unit never destroys (every
//     object is made by a `new` kept in a static and never deleted), or
//     whose destructor aborts;
//   * threadStartingParam: functions of the TU that start a thread into one
//     of their parameters (`pthread_create(out, ...)`, `out = std::thread()`);
//   * joinGuard: a destructor that joins a thread member only under a
//     condition, and whether that condition can be false while it runs;
//   * runsForever: a thread whose function never returns (a server's main
//     loop), which only an object that lives as long as the process can run;
//   * destructorAwaitsFlagOf: a destructor that polls a flag the thread
//     sets when it ends.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_THREADLIFETIME_H
#define LEAKLINT_CHECKS_THREADLIFETIME_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>
#include <utility>

namespace clang::tidy::leaklint {

/// Which objects the translation unit creates and destroys, for the classes
/// that own threads.
class ImmortalClasses {
public:
  void addNew(const CXXNewExpr *NE);
  /// A `new` whose result is kept by a static or global for good
  /// (`static T *p = new T;`, `static T &r = *new T;`, `g = new T;`).
  void addKeptNew(const CXXNewExpr *NE);
  void addDelete(const CXXDeleteExpr *DE);
  void addConstruct(const CXXConstructExpr *CE);
  void clear();

  /// Objects of \p RD are never destroyed: every one the TU makes is a
  /// `new` kept in a static that no `delete` (of RD or a base) undoes, or
  /// its destructor aborts. With \p OnlyPrivateConstructors, other
  /// translation units must not be able to make one either.
  bool immortal(const CXXRecordDecl *RD, bool OnlyPrivateConstructors) const;

private:
  llvm::DenseMap<const CXXRecordDecl *, llvm::SmallVector<const CXXNewExpr *, 2>> News;
  llvm::DenseSet<const CXXNewExpr *> Kept;
  llvm::DenseSet<const CXXConstructExpr *> NewInits;
  llvm::DenseSet<const CXXRecordDecl *> Deleted;
  llvm::DenseMap<const CXXRecordDecl *, unsigned> Constructs;
};

/// Whether \p D's body ends the process on every path through it (a call to
/// a noreturn function such as abort() at its top level).
bool destructorAborts(const CXXDestructorDecl *D);

/// The index of the parameter of \p F (a function of the TU) into which it
/// starts a thread and leaves it running: a `pthread_t *` given to
/// pthread_create, a `std::thread &` or `*` assigned a started thread, or
/// passed on to another such function.
std::optional<unsigned> threadStartingParam(const FunctionDecl *F, unsigned Depth = 0);

/// A destructor that joins a thread member only when a condition holds.
struct JoinGuardFinding {
  const Expr *Cond = nullptr; ///< the condition (or the flag) as written
  std::string Text;           ///< 'running_', or the condition's text
  bool Value = true;          ///< the join runs only if Cond is Value
  /// Why the condition can fail while the thread runs: a function that
  /// sets the flag without joining, or a start that never sets it.
  const Stmt *Evidence = nullptr;
  const FunctionDecl *EvidenceIn = nullptr;
  enum { ClearedWithoutJoin, NeverSet, Unproven } Why = Unproven;
};

/// Where the destructor's code joins \p Thread: \p Reach are the destructor
/// and the member functions it calls (CalledAt[i] is where Reach[i] is
/// called from Reach[CallerOf[i]]). Returns a finding when the only join
/// is guarded by a flag that some code of \p RD clears without joining, or
/// that nothing sets while the thread is started; with \p Strict, also
/// when the guard is any other condition nothing shows to hold.
std::optional<JoinGuardFinding>
unsafeJoinGuard(const FieldDecl *Thread, const CXXRecordDecl *RD,
                llvm::ArrayRef<const FunctionDecl *> Reach,
                llvm::ArrayRef<const CallExpr *> CalledAt, llvm::ArrayRef<unsigned> CallerOf,
                llvm::ArrayRef<const FunctionDecl *> Methods, bool Strict, ASTContext &Ctx);

/// Whether the thread started with \p Callable (a lambda, `&C::run`, a
/// function) never returns: each path of its function ends in an endless
/// loop or a call that ends the program, directly or through the functions
/// of the TU it calls (`[this] { mainloop(); }` where `mainloop` is a
/// `for (;;)` with no way out). Only an exception ends it.
bool runsForever(const Expr *Callable, ASTContext &Ctx);

/// Whether the destructor of \p RD waits, in a loop, for a flag of the
/// object that the thread started with \p Callable sets (`while
/// (!handler_ended_) poll();`, the thread setting `handler_ended_ = true`
/// as it leaves): a detached thread that uses the object ends before the
/// object does.
bool destructorAwaitsFlagOf(const CXXRecordDecl *RD, const Expr *Callable);

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_THREADLIFETIME_H

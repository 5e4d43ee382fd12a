//===--- LocalThreadAnalysis.h - joinable local threads on some path -*- C++ -*-===//
//
// Path-sensitive analysis of the local threads of one function body: a
// thread started (constructed with a callable, assigned a started thread, or
// returned joinable by a call) is an obligation that join(), detach(), a move
// into another owner, a return, or an escape by reference discharges. A path
// on which a local thread is still joinable when its scope ends (end of
// block, return, break, continue, goto, an exception leaving the scope) or
// when it is move-assigned over is a finding. A local container of threads
// holds one obligation for all its elements, discharged by a loop (or
// std::for_each) that joins or detaches every element.
//
// Runs on the ownership engine of leaklint-owning-pointer (OwnershipEngine.h)
// through its ObligationHooks: threads are one more kind of obligation.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_LOCALTHREADANALYSIS_H
#define LEAKLINT_CHECKS_LOCALTHREADANALYSIS_H

#include "OwnershipEngine.h"
#include "ResourceModel.h"
#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leaklint {

struct LocalThreadFinding {
  enum Kind {
    ScopeEnd,  ///< still joinable where its scope ends (block, return, break)
    Exception, ///< still joinable when an exception leaves its scope
    Overwrite, ///< move-assigned over while joinable
  };
  Kind K = ScopeEnd;
  const VarDecl *Var = nullptr;
  thread_model::ThreadKind Thread = thread_model::ThreadKind::Std;
  /// Var is a pthread_t handle that pthread_create filled.
  bool Pthread = false;
  /// Var is a container of threads, some of them still joinable.
  bool Container = false;
  /// Where the warning goes: the return/break/closing brace, the throw or
  /// throwing call, or the assignment.
  SourceLocation Loc;
  /// The function whose exception leaves the scope (for Exception).
  const FunctionDecl *Thrower = nullptr;
  /// Where the thread that is leaked was started.
  const Expr *Start = nullptr;
  /// The variable the thread was started into (differs from Var when it
  /// was moved from one local to another).
  const VarDecl *StartedAs = nullptr;
  /// The path, as notes a person can follow: the branch decisions that led
  /// into the start and were taken after it (`assuming 'fail' is true`),
  /// oldest first.
  std::vector<std::pair<SourceLocation, std::string>> PathNotes;
};

class ThreadObligations; // the engine hooks (LocalThreadAnalysis.cpp)

class LocalThreadAnalysis {
public:
  explicit LocalThreadAnalysis(ASTContext &Ctx);
  ~LocalThreadAnalysis();
  LocalThreadAnalysis(const LocalThreadAnalysis &) = delete;
  LocalThreadAnalysis &operator=(const LocalThreadAnalysis &) = delete;

  /// Analyses the body of \p FD (at most one finding per local thread).
  /// Returns false if the path budget ran out (then nothing is reported).
  bool analyze(const FunctionDecl *FD,
               llvm::SmallVectorImpl<LocalThreadFinding> &Findings);

  ASTContext &context() const { return Ctx; }

private:
  ASTContext &Ctx;
  ownership::ResourceModel Model;
  std::unique_ptr<ThreadObligations> Hooks;
  std::unique_ptr<ownership::OwnershipEngine> Engine;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_LOCALTHREADANALYSIS_H

//===--- LocalThreadAnalysis.h - joinable local threads on some path -*- C++ -*-===//
//
// Path-sensitive analysis of the local threads of one function body: a
// thread started (constructed with a callable, assigned a started thread, or
// returned joinable by a call) is an obligation that join(), detach(), a move
// into another owner, a return, or an escape by reference discharges. A path
// on which a local thread is still joinable when its scope ends (end of
// block, return, break, continue, goto, an exception leaving the scope) or
// when it is move-assigned over is a finding.
//
// Runs on CFGPathWalker (a (block, state)-memoized walk of clang::CFG).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_LOCALTHREADANALYSIS_H
#define LEAKLINT_CHECKS_LOCALTHREADANALYSIS_H

#include "CFGPathWalker.h"
#include "ThreadModel.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
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
  /// The path, as notes a person can follow: the branch decisions taken
  /// after the start (`assuming 'fail' is true`), oldest first.
  std::vector<std::pair<SourceLocation, std::string>> PathNotes;
};

class LocalThreadAnalysis {
public:
  explicit LocalThreadAnalysis(ASTContext &Ctx) : Ctx(Ctx) {}

  /// Analyses the body of \p FD (at most one finding per local thread).
  /// Returns false if the path budget ran out (findings are still real).
  bool analyze(const FunctionDecl *FD,
               llvm::SmallVectorImpl<LocalThreadFinding> &Findings);

  /// Whether \p FD's visible body throws an exception out of itself (a
  /// throw expression outside any try block of the body). Cached.
  bool mayThrowOut(const FunctionDecl *FD);

  ASTContext &context() const { return Ctx; }

private:
  ASTContext &Ctx;
  llvm::DenseMap<const FunctionDecl *, bool> ThrowCache;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_LOCALTHREADANALYSIS_H

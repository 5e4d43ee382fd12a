//===--- ThreadModel.h - what leaklint knows about thread types -*- C++ -*-===//
//
// The thread types whose destructor terminates (std::thread) or silently
// detaches (boost::thread) while joinable, the containers that hold them, and
// the small expression helpers leaklint-unjoined-thread shares between its
// class, container, capture and path analyses.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_THREADMODEL_H
#define LEAKLINT_CHECKS_THREADMODEL_H

#include "clang/AST/Expr.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Type.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::leaklint::thread_model {

/// A thread type that must be joined or detached before it is destroyed.
/// std::jthread joins itself and is not one of them.
enum class ThreadKind { None, Std, Boost };

/// The kind of \p T itself (through cv, references and typedefs).
ThreadKind threadKind(QualType T);

/// The thread kind of the elements of \p T if it is a container of threads:
/// std::vector/deque/list/forward_list/array/set of threads, a map with
/// thread values, or a built-in array of threads.
ThreadKind containerElementKind(QualType T);

/// What destroying a joinable thread of kind \p K does, for messages.
llvm::StringRef destructorConsequence(ThreadKind K);

/// A C thread handle (POSIX `pthread_t`, C11 `thrd_t`, libuv's
/// `uv_thread_t`), or an array or standard container of them. The check
/// calls them all pthread_t.
bool isPthreadT(QualType T);
/// Whether \p CE calls the global function \p Name (`pthread_create`).
bool isGlobalCall(const CallExpr *CE, llvm::StringRef Name);
/// The C functions that start a thread into a handle they are given:
/// `pthread_create(&t, attr, fn, arg)`, C11's `thrd_create(&t, fn, arg)`,
/// libuv's `uv_thread_create(&t, fn, arg)` and `uv_thread_create_ex`. All
/// return 0 on success.
struct ThreadCreateApi {
  llvm::StringRef Name; ///< qualified: "::pthread_create"
  unsigned NumArgs;
  unsigned RoutineArg; ///< the start routine; the handle is argument 0
};
llvm::ArrayRef<ThreadCreateApi> threadCreateApis();
/// The API \p CE calls, if it is one of threadCreateApis().
const ThreadCreateApi *threadCreateCall(const CallExpr *CE);
/// Whether \p CE is `pthread_join(h, ...)` or `pthread_detach(h)` (and
/// `thrd_join`/`thrd_detach`, `uv_thread_join(&h)`/`uv_thread_detach(&h)`).
bool joinsOrDetachesPthread(const CallExpr *CE);
/// The functions that take a pthread_t and neither join nor detach it
/// (qualified: "::pthread_kill", ...).
llvm::ArrayRef<llvm::StringRef> pthreadObservers();

/// Whether \p MD is a member of a thread type that joins or detaches it
/// (join, detach, and boost's equivalents).
bool isJoinOrDetach(const CXXMethodDecl *MD);
bool isDetach(const CXXMethodDecl *MD);


/// \p E without parentheses, implicit casts, temporaries and cleanups.
const Expr *strip(const Expr *E);

/// If \p E is std::move(X), std::forward(X) or static_cast<T&&>(X), X.
const Expr *movedOperand(const Expr *E);

/// Whether \p CE is a call to one of the free functions \p Names in
/// namespace std (e.g. "move").
bool isStdCall(const CallExpr *CE, llvm::ArrayRef<llvm::StringRef> Names);

/// Whether a thread constructor call starts a thread (it has a callable),
/// as opposed to default construction or a move.
bool startsThread(const CXXConstructExpr *CE);

/// Whether \p MCE calls a member function on the object whose code makes
/// the call (`stop()`, `this->stop()`).
bool isCallOnThis(const clang::CXXMemberCallExpr *MCE);

/// The declaration \p E names, through member accesses and subscripts of
/// arrays and containers: `v`, `v[i]`, `this->v`, `v.at(i)`, `v.back()`.
const ValueDecl *rootDecl(const Expr *E);

/// Member functions of a container that insert an element (push_back,
/// emplace, insert, ...), and the subset that constructs it in place.
bool isAdderName(llvm::StringRef N);
bool isEmplaceName(llvm::StringRef N);

/// Visits \p S and every statement below it. Lambda bodies are visited
/// only with \p IntoLambdas (a lambda body is another function, but a
/// lambda that joins, run by std::for_each or a guard, joins).
template <typename Fn>
void forEachStmt(const Stmt *S, Fn &&F, bool IntoLambdas = true) {
  if (!S)
    return;
  F(S);
  if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : LE->capture_inits())
      forEachStmt(Init, F, IntoLambdas);
    if (IntoLambdas)
      forEachStmt(LE->getBody(), F, IntoLambdas);
    return;
  }
  for (const Stmt *Child : S->children())
    forEachStmt(Child, F, IntoLambdas);
}

/// Whether \p S refers to one of \p Decls (a variable or a member).
bool mentions(const Stmt *S, const llvm::SmallPtrSetImpl<const Decl *> &Decls);

/// The declaration \p E names directly (`v`, `this->v`, `return v;`'s
/// implicit move), or null.
const Decl *directDecl(const Expr *E);

/// Whether \p S calls join()/detach() on a thread, or names them
/// (`std::mem_fn(&std::thread::join)`).
bool containsJoinOrDetach(const Stmt *S);

} // namespace clang::tidy::leaklint::thread_model

#endif // LEAKLINT_CHECKS_THREADMODEL_H

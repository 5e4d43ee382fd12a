//===--- ObjectCycleAnalysis.h - shared_ptr cycles between objects -*- C++ -*-===//
//
// The object level of leaklint-shared-ptr-cycle: a path-sensitive walk over
// the CFG of each function that follows the objects the function creates
// (make_shared, shared_ptr(new T), make_unique, shared_from_this()) and the
// links it forms between them (member assignment, push_back/insert into
// member containers, std::function members given lambdas or binds that own
// a shared_ptr). A cycle is reported where the last reference from outside
// the cycle dies (a local's scope ends, it is reset or overwritten, a
// temporary ends) while the cycle is still linked on that path.
//
// Calls of functions of the TU are followed through summaries: what a
// function does to the objects of its parameters and `this` (links formed
// or broken, on every path or on some), what it returns, what escapes.
// An object that reaches code the TU does not show escapes: neither it
// nor anything it holds is reported.
//
// Confidence: by default a cycle is reported only when each of its links
// is formed on the path (by the function itself, or by a callee on every
// path of the callee), and a break that may happen (in a callee on some
// path, erase() of some element, code that is not visible) counts as a
// break. CycleOptions::ReportPossible also reports cycles closed by links
// that a callee forms on some of its paths only.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_OBJECTCYCLEANALYSIS_H
#define LEAKLINT_CHECKS_OBJECTCYCLEANALYSIS_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leaklint::cycles {

struct CycleOptions {
  /// Links that a callee forms on some of its paths close cycles too.
  bool ReportPossible = false;
  /// Block visits per function; a function over it reports nothing and
  /// its summary is unknown.
  unsigned MaxSteps = 3000;
  /// Path notes (branch decisions) per finding, the last ones.
  unsigned MaxPathNotes = 4;
};

/// One link of a reported cycle.
struct CycleLink {
  const CXXRecordDecl *From = nullptr; ///< the type of the holding object
  const FieldDecl *Member = nullptr;   ///< the member (the last of a path)
  const CXXRecordDecl *To = nullptr;   ///< the type of the held object
  bool Callback = false;               ///< a callable in the member owns To
  SourceLocation Loc;                  ///< where the link is formed
  const FunctionDecl *Via = nullptr;   ///< formed inside this callee
  const LambdaExpr *Lambda = nullptr;  ///< the callable, when a lambda
};

struct ObjectCycleFinding {
  SourceLocation Loc;            ///< where the last outside reference dies
  const VarDecl *Dying = nullptr; ///< the variable whose end it is, if any
  /// The links of the cycle, in ownership order (Links[i].To is the type of
  /// Links[i+1].From).
  std::vector<CycleLink> Links;
  /// Where each object of the cycle is created, and what.
  std::vector<std::pair<SourceLocation, const CXXRecordDecl *>> Objects;
  /// Branch decisions of the path, oldest first.
  std::vector<std::pair<SourceLocation, std::string>> PathNotes;
};

class ObjectCycleAnalysis {
public:
  ObjectCycleAnalysis(ASTContext &Ctx, CycleOptions Opts);
  ~ObjectCycleAnalysis();
  ObjectCycleAnalysis(const ObjectCycleAnalysis &) = delete;
  ObjectCycleAnalysis &operator=(const ObjectCycleAnalysis &) = delete;

  /// Walks the body of \p FD and returns the cycles it leaks.
  std::vector<ObjectCycleFinding> analyze(const FunctionDecl *FD);

  /// A member store (assignment, insertion, constructor initializer) or a
  /// callable (lambda, bind) that the walks saw applied only to objects
  /// whose fate they decided: objects created in the TU that did not
  /// escape. What the type level need not report again.
  bool isResolved(const Stmt *StoreOrCallable) const;

  class Impl;

private:
  std::unique_ptr<Impl> P;
};

/// Whether \p FD may create an object the walk follows: a make_shared /
/// make_unique / new of a class, or a call of a function of the TU that
/// returns a smart pointer. Only such functions can leak a cycle of their
/// own; the others are walked only for the summaries their callers need.
bool mayCreateObjects(const FunctionDecl *FD);

} // namespace clang::tidy::leaklint::cycles

#endif // LEAKLINT_CHECKS_OBJECTCYCLEANALYSIS_H

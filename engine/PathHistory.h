//===--- PathHistory.h - the events of one path, newest first --*- C++ -*-===//
//
// A persistent list of what happened on a path: acquisitions and the
// branches taken that the engine could not decide. Paths that fork share
// their common prefix. Leak reports read their notes from it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_PATHHISTORY_H
#define LEAKLINT_ENGINE_PATHHISTORY_H

#include "clang/AST/Expr.h"
#include "clang/Basic/SourceLocation.h"
#include <memory>
#include <string>

namespace clang::tidy::leaklint::ownership::detail {

struct Hist {
  std::shared_ptr<const Hist> Prev;
  bool IsAcquire;
  unsigned Value; ///< IsAcquire: the value acquired (its site: Value / 4)
  SourceLocation L;
  std::string Msg;
  const Stmt *Branch = nullptr; ///< the if/loop/switch the note is about
  bool Uncounted = false; ///< a hook note the precision rule does not count
  /// The condition of an undecided branch; null for other undecided events
  /// (an exception assumed at a call).
  const Expr *Cond = nullptr;
  /// The branch tested whether an acquisition failed (`if (!p)` after
  /// malloc): decided by that call alone, independent of other conditions.
  bool TestsAcquisition = false;
  /// An undecided test of a while/for condition: +1 the body was entered,
  /// -1 the loop was left; 0 for other events.
  signed char Loop = 0;
  /// The branch took its condition as true (an undecided branch).
  bool Taken = false;
  /// The branch assumed that an allocation ran out of memory (`if (!q)`
  /// after `q = malloc(n)`).
  bool OutOfMemory = false;
  /// A call given value \p Value that keeps nothing on this path: it ran
  /// out of memory, and the caller ignores its result (keepIfSucceeds).
  const CallExpr *FailedHandOff = nullptr;
};
using HistPtr = std::shared_ptr<const Hist>;

/// \p H with the acquisition of value \p Value on top.
inline HistPtr withAcquisition(const HistPtr &H, unsigned Value) {
  return std::make_shared<Hist>(Hist{H, true, Value, {}, {}});
}

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_PATHHISTORY_H

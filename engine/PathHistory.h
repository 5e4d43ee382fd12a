//===--- PathHistory.h - the events of one path, newest first --*- C++ -*-===//
//
// A persistent list of what happened on a path: acquisitions and the
// branches taken that the engine could not decide. Paths that fork share
// their common prefix. Leak reports read their notes from it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_PATHHISTORY_H
#define LEAKLINT_ENGINE_PATHHISTORY_H

#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceLocation.h"
#include <memory>
#include <string>

namespace clang::tidy::leaklint::ownership::detail {

struct Hist {
  std::shared_ptr<const Hist> Prev;
  bool IsAcquire;
  unsigned Site; ///< IsAcquire: the site index of the acquisition
  SourceLocation L;
  std::string Msg;
  const Stmt *Branch = nullptr; ///< the if/loop/switch the note is about
  bool Uncounted = false; ///< a hook note the precision rule does not count
};
using HistPtr = std::shared_ptr<const Hist>;

/// \p H with the acquisition of site \p Site on top.
inline HistPtr withAcquisition(const HistPtr &H, unsigned Site) {
  return std::make_shared<Hist>(Hist{H, true, Site, {}, {}});
}

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_PATHHISTORY_H

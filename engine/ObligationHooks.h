//===--- ObligationHooks.h - obligation kinds a check plugs in -*- C++ -*-===//
//
// The engine tracks what ResourceModel (memory, files, descriptors, ...)
// says; a check adds kinds of its own (threads) by answering these questions
// about the expressions the engine meets.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_OBLIGATIONHOOKS_H
#define LEAKLINT_ENGINE_OBLIGATIONHOOKS_H

#include "ResourceModel.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include <string>

namespace clang::tidy::leaklint::ownership {

/// Extra obligation kinds a check can plug into the engine.
class ObligationHooks {
public:
  virtual ~ObligationHooks() = default;
  virtual const Acquirer *acquires(const Expr *E) const { return nullptr; }
  /// For a call acquires() accepted: the pointer argument through which it
  /// delivers the obligation (`&t` of `pthread_create(&t, ...)`), whose
  /// pointee then holds it; null when the call's result is the obligation.
  virtual const Expr *acquiresThrough(const Expr *E) const { return nullptr; }
  virtual const Expr *discharges(const Expr *E) const { return nullptr; }
  /// The argument call \p CE takes over (a handle pushed into a container,
  /// given to a registry). Asked only about callees whose bodies the engine
  /// does not read: the summaries of the others say what they keep.
  virtual const Expr *handsOver(const CallExpr *CE) const { return nullptr; }
  virtual const Expr *testsLive(const Expr *Cond) const { return nullptr; }
  /// E (`v.emplace_back(f)`, `v.push_back(std::move(t))`, `v[i] = ...`)
  /// puts an obligation into the local container returned: the one its
  /// last argument carries, else a fresh one (acquires(E) says which). A
  /// container holds one obligation for all its elements ("some element is
  /// still to be discharged"), discharged by drains().
  virtual const VarDecl *acquiresInto(const Expr *E) const { return nullptr; }
  /// S (where a loop that joins every element begins, a std::for_each
  /// that does) discharges the container returned.
  virtual const VarDecl *drains(const Stmt *S) const { return nullptr; }
  /// The path note for taking branch \p Taken of \p Branch: a condition
  /// (if, loop, ?:, && and ||), or the case label a switch jumps to (Taken
  /// is then true). Empty: the engine's own wording for the branches it
  /// cannot decide, and no note for the others. Notes on branches the engine
  /// decided and on switch cases are not counted by the precision rule.
  /// Hook obligations also get the notes of the decisions that led into
  /// their acquisition.
  virtual std::string branchNote(const Stmt *Branch, bool Taken) const {
    return {};
  }
};

} // namespace clang::tidy::leaklint::ownership

#endif // LEAKLINT_ENGINE_OBLIGATIONHOOKS_H

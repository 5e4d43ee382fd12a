//===--- Liveness.h - which locals the rest of a path can still read -*- C++ -*-===//
//
// What the state knows of a local (its value, the constraints the path
// assumed on it) or of a field read through a variable (`opts->verbose`)
// matters only while some later statement can read it: the engine reads
// them only where the code names them. Two paths that reach a block
// knowing different things of a dead one are the same path from there on:
// forgetting it lets them meet in the memo table instead of being walked
// twice, as the Static Analyzer removes dead bindings from its states.
//
// Only locals the body reads and writes by name alone are followed: one
// whose address is taken, that a reference or a lambda's body names, or
// that is used in any other way may be read behind the CFG's back and is
// always live. A field is live while a later statement names it through
// the same variable. Everything is live in a body with a `try`, whose
// handlers are entered from the middle of a block.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_ENGINE_LIVENESS_H
#define LEAKLINT_ENGINE_LIVENESS_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include <vector>

namespace clang::tidy::leaklint::ownership::detail {

class LiveLocals {
public:
  /// \p FD: the function, which stands for `this` as the base of a field.
  LiveLocals(const CFG &G, const FunctionDecl *FD);

  /// Whether a path entering \p B may still read the variable \p D, or
  /// with \p Field, that field of what \p D names or points to. What is not
  /// followed is always live.
  bool mayRead(const CFGBlock *B, const ValueDecl *D,
               const ValueDecl *Field = nullptr) const;
  /// Whether anything is followed at all (nothing to forget if not).
  bool empty() const { return Index.empty(); }

private:
  using Key = std::pair<const ValueDecl *, const ValueDecl *>;
  /// The followed locals (with a null field) and fields, numbered.
  llvm::DenseMap<Key, unsigned> Index;
  /// Per block ID: what is live on entry.
  std::vector<llvm::BitVector> LiveIn;
};

} // namespace clang::tidy::leaklint::ownership::detail

#endif // LEAKLINT_ENGINE_LIVENESS_H

//===--- CFGPathWalker.h - bounded path exploration over a clang::CFG -*- C++ -*-===//
//
// A small, generic, path-sensitive walker over one function's clang::CFG.
// A client owns a fixed-size byte vector of abstract state (one byte per
// tracked entity: a thread, a condition it has assumed, ...) and decides what
// an element does to it (visitElement) and whether an edge can be taken with
// it (takeEdge). The walker explores paths depth-first from the entry,
// memoizes (block, state) so that loops and diamonds are visited once per
// distinct state, keeps the branch decisions of each path so that a client
// can explain a finding, and stops at a fixed budget.
//
// FIXME: this is the local stand-in for the shared ownership engine of issue
// 3 (leaklint-owning-pointer); the two should be merged once that engine
// exposes a client interface of this shape.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKLINT_CHECKS_CFGPATHWALKER_H
#define LEAKLINT_CHECKS_CFGPATHWALKER_H

#include "clang/Analysis/CFG.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <vector>

namespace clang::tidy::leaklint {

/// Abstract state of one path: one byte per tracked entity.
using PathState = llvm::SmallVector<uint8_t, 16>;

/// One decision taken on a path: the successor \c SuccIndex of \c Block, or,
/// when \c Exceptional is set, an exception leaving \c At (an element of
/// \c Block) towards a handler or the exit.
struct PathStep {
  const CFGBlock *Block = nullptr;
  unsigned SuccIndex = 0;
  bool Exceptional = false;
  const Stmt *At = nullptr;
};

/// The branch decisions that led to the current point, oldest first.
using PathSteps = llvm::SmallVector<PathStep, 16>;

/// A path that leaves the middle of a block, e.g. an exception thrown by a
/// call: the walker continues at \c Target with \c State.
struct PathFork {
  const CFGBlock *Target = nullptr;
  PathState State;
  const Stmt *At = nullptr;
};

class CFGPathClient {
public:
  virtual ~CFGPathClient() = default;
  /// Applies element \p E to \p S. \p Path is the walk so far (computed on
  /// demand, so clients only pay for it when they report). Exceptional
  /// successors of \p E go into \p Forks.
  virtual void visitElement(const CFGBlock &B, const CFGElement &E, PathState &S,
                            llvm::function_ref<PathSteps()> Path,
                            llvm::SmallVectorImpl<PathFork> &Forks) = 0;
  /// Whether successor \p SuccIndex of \p B is feasible in \p S; may refine
  /// \p S with what the branch implies.
  virtual bool takeEdge(const CFGBlock &B, unsigned SuccIndex, PathState &S) = 0;
};

class CFGPathWalker {
public:
  /// \p MaxSteps bounds the number of elements visited for one function.
  explicit CFGPathWalker(const CFG &Graph, unsigned MaxSteps = 50000)
      : Graph(Graph), MaxSteps(MaxSteps) {}

  /// Explores every feasible path from the entry with \p Initial.
  /// Returns false if the budget was exhausted (the exploration is then
  /// partial: whatever the client reported is still a real path).
  bool run(CFGPathClient &Client, const PathState &Initial);

private:
  struct Node {
    PathStep Step;
    int Parent;
  };
  PathSteps pathTo(int NodeIndex) const;

  const CFG &Graph;
  unsigned MaxSteps;
  std::vector<Node> Nodes;
};

} // namespace clang::tidy::leaklint

#endif // LEAKLINT_CHECKS_CFGPATHWALKER_H

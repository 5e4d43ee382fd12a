//===--- CFGPathWalker.cpp - bounded path exploration over a clang::CFG --===//

#include "CFGPathWalker.h"
#include "llvm/ADT/StringSet.h"
#include <algorithm>
#include <string>

namespace clang::tidy::leaklint {

namespace {
// The memo key: the block id followed by the state bytes.
std::string memoKey(unsigned BlockID, const PathState &S) {
  std::string Key(reinterpret_cast<const char *>(&BlockID), sizeof(BlockID));
  Key.append(reinterpret_cast<const char *>(S.data()), S.size());
  return Key;
}
} // namespace

PathSteps CFGPathWalker::pathTo(int NodeIndex) const {
  PathSteps Steps;
  for (int I = NodeIndex; I >= 0; I = Nodes[I].Parent)
    Steps.push_back(Nodes[I].Step);
  std::reverse(Steps.begin(), Steps.end());
  return Steps;
}

bool CFGPathWalker::run(CFGPathClient &Client, const PathState &Initial) {
  struct Work {
    const CFGBlock *Block;
    PathState State;
    int Node;
  };
  llvm::StringSet<> Seen;
  std::vector<Work> Stack;
  Nodes.clear();
  Stack.push_back({&Graph.getEntry(), Initial, -1});
  unsigned Steps = 0;
  while (!Stack.empty()) {
    Work W = std::move(Stack.back());
    Stack.pop_back();
    // A (block, state) pair seen before adds no path the client has not
    // judged: this is what bounds loops.
    if (!Seen.insert(memoKey(W.Block->getBlockID(), W.State)).second)
      continue;
    llvm::SmallVector<PathFork, 2> Forks;
    for (const CFGElement &E : *W.Block) {
      if (++Steps > MaxSteps)
        return false;
      Forks.clear();
      int Here = W.Node;
      Client.visitElement(*W.Block, E, W.State,
                          [this, Here] { return pathTo(Here); }, Forks);
      for (PathFork &F : Forks) {
        PathStep Step;
        Step.Block = W.Block;
        Step.Exceptional = true;
        Step.At = F.At;
        Nodes.push_back({Step, W.Node});
        Stack.push_back({F.Target, std::move(F.State),
                         static_cast<int>(Nodes.size() - 1)});
      }
    }
    unsigned Index = 0;
    // Push in reverse so that the first successor (the "true" branch) is
    // explored first: reports then follow the most natural path.
    llvm::SmallVector<Work, 2> Next;
    for (const CFGBlock::AdjacentBlock &Succ : W.Block->succs()) {
      unsigned I = Index++;
      const CFGBlock *Target = Succ.getReachableBlock();
      if (!Target)
        continue;
      PathState S = W.State;
      if (!Client.takeEdge(*W.Block, I, S))
        continue;
      PathStep Step;
      Step.Block = W.Block;
      Step.SuccIndex = I;
      Nodes.push_back({Step, W.Node});
      Next.push_back({Target, std::move(S), static_cast<int>(Nodes.size() - 1)});
    }
    for (auto It = Next.rbegin(); It != Next.rend(); ++It)
      Stack.push_back(std::move(*It));
  }
  return true;
}

} // namespace clang::tidy::leaklint

// Found through "-Iinc": "inc/tree.h" to clang.
#pragma once
#include <memory>
#include <vector>

struct Leaf;
struct Tree {
  std::vector<std::shared_ptr<Leaf>> leaves;
};
struct Leaf {
  std::shared_ptr<Tree> parent;
};

// The back edge is stored here (the type level needs a store in code the
// unit runs: src/main.cpp calls it).
inline void adopt(Leaf &L, const std::shared_ptr<Tree> &T) { L.parent = T; }

// A tree whose leaves own their parent: a shared_ptr cycle, in a header
// that two translation units include.
#pragma once
#include <memory>
#include <vector>

class Leaf;

struct Tree {
  std::vector<std::shared_ptr<Leaf>> leaves;
};

class Leaf {
public:
  void attach(const std::shared_ptr<Tree> &tree) { parent = tree; }

private:
  std::shared_ptr<Tree> parent;
};

#pragma once
#include <memory>
#include <vector>

// A tree whose nodes own their parent: a cycle declared entirely in a header.
struct Node {
  std::vector<std::shared_ptr<Node>> children;
  std::shared_ptr<Node> parent;
};

// The header links them itself: whoever includes it (or opens it) sees the
// back edge stored.
inline void adopt(const std::shared_ptr<Node> &p, const std::shared_ptr<Node> &c) {
  c->parent = p;
  p->children.push_back(c);
}

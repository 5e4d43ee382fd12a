#pragma once
#include <memory>
#include <vector>

// A tree whose nodes own their parent: a cycle declared entirely in a header.
struct Node {
  std::vector<std::shared_ptr<Node>> children;
  std::shared_ptr<Node> parent;
};

#include "tree.h"

std::shared_ptr<Node> makeChild(const std::shared_ptr<Node> &Parent) {
  auto Child = std::make_shared<Node>();
  Child->parent = Parent;
  Parent->children.push_back(Child);
  return Child;
}

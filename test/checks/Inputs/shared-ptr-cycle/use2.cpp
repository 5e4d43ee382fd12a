#include "tree.h"
void adopt(const std::shared_ptr<HNode> &p, std::shared_ptr<HNode> c) {
  c->parent = p;
  p->children.push_back(std::move(c));
}

// A parent and its child own each other through shared_ptr: neither is
// ever freed.
#include <memory>
#include <vector>

struct Child;

struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};

struct Child {
  std::shared_ptr<Parent> parent;
};

int main() {
  auto p = std::make_shared<Parent>();
  auto c = std::make_shared<Child>();
  c->parent = p;
  p->children.push_back(c);
}

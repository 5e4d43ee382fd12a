// A parent and a child that own each other through shared_ptr: neither is
// ever freed. The fix is a weak_ptr on the back edge.
#include <memory>

struct Child;

struct Parent {
  std::shared_ptr<Child> child;
};

struct Child {
  std::shared_ptr<Parent> parent;
};

int main() {
  auto p = std::make_shared<Parent>();
  p->child = std::make_shared<Child>();
  p->child->parent = p;
}

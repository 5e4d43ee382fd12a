// Ownership flows one way; the back edge is a weak_ptr: nothing leaks.
#include <memory>
#include <vector>

struct Child;

struct Parent {
  std::vector<std::shared_ptr<Child>> children;
};

struct Child {
  std::weak_ptr<Parent> parent;
};

int main() {
  auto p = std::make_shared<Parent>();
  auto c = std::make_shared<Child>();
  c->parent = p;
  p->children.push_back(c);
}

// A tree whose nodes keep their children through a private implementation: Node owns its
// NodePrivate by unique_ptr, NodePrivate owns the child Nodes by shared_ptr, and nothing points
// back up strongly (the parent is a raw pointer). The types form a loop, the objects a tree; the
// check reports the pimpl pointer as the back edge of a cycle.
// Real code: fcitx5 RawConfig / RawConfigPrivate (src/lib/fcitx-config/rawconfig.h).
// Baseline: "'Node::d_ptr' closes a shared_ptr ownership cycle".
#include <map>
#include <memory>
#include <string>
class NodePrivate;
class Node {
public:
  explicit Node(std::string name);
  ~Node();
  std::shared_ptr<Node> child(const std::string &name);
private:
  std::unique_ptr<NodePrivate> d_ptr;
};
class NodePrivate {
public:
  std::string name_;
  Node *parent_ = nullptr;
  std::map<std::string, std::shared_ptr<Node>> subItems_;
};
Node::Node(std::string name) : d_ptr(std::make_unique<NodePrivate>()) { d_ptr->name_ = std::move(name); }
Node::~Node() = default;
std::shared_ptr<Node> Node::child(const std::string &name) {
  auto &c = d_ptr->subItems_[name];
  if (!c) c = std::make_shared<Node>(name);
  return c;
}

// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17
// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++20

#include <memory>
#include <vector>

// A class template whose own members form the cycle: reported once, at the
// pattern, even though two instantiations exist.
template <class T> struct Node {
  T value{};
  std::shared_ptr<Node<T>> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Node<T>::parent' closes a shared_ptr ownership cycle: a 'Node<T>' and the 'Node<T>' it holds through 'Node<T>::children' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+2]]:38: note: 'Node<T>::children' holds a 'Node<T>'
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'Node<T>::parent' holds a 'Node<T>' back
  std::vector<std::shared_ptr<Node>> children;
};
// CHECK-FIXES:  std::weak_ptr<Node<T>> parent;
Node<int> IntNode;
Node<double> DoubleNode;

// Two templates that refer to each other with the same parameters.
template <class K> struct Bucket;
template <class K> struct Table {
  std::vector<std::shared_ptr<Bucket<K>>> buckets;
};
template <class K> struct Bucket {
  std::shared_ptr<Table<K>> owner;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'Bucket<K>::owner' closes a shared_ptr ownership cycle: 'Table<K>' and 'Bucket<K>' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:43: note: 'Table<K>::buckets' holds a 'Bucket<K>'
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'Bucket<K>::owner' holds a 'Table<K>' back
};
// CHECK-FIXES:  std::weak_ptr<Table<K>> owner;

// A cycle that only exists in one instantiation: Holder<T> holds a T, and
// the TU instantiates Holder<Widget> inside Widget's owner.
template <class T> struct Holder {
  std::shared_ptr<T> item;
};
struct Widget;
struct Panel {
  Holder<Widget> content;
};
struct Widget {
  std::shared_ptr<Panel> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Widget::parent' closes a shared_ptr ownership cycle: 'Panel' and 'Widget' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:18: note: 'Panel::content' contains a 'Holder<Widget>' by value
// CHECK-MESSAGES: :[[@LINE-10]]:22: note: 'Holder<Widget>::item' holds a 'Widget'
// CHECK-MESSAGES: :[[@LINE-4]]:26: note: 'Widget::parent' holds a 'Panel' back
};
// CHECK-FIXES:  std::weak_ptr<Panel> parent;

// no warning: a template chain (singly linked).
template <class T> struct Chain {
  std::shared_ptr<Chain> next;
  T value{};
};
Chain<int> IntChain;

// no warning: Holder<int> owns nothing that owns it back.
Holder<int> IntHolder;

// no warning: the dependent member points to a different specialization,
// which cannot be decided without instantiating.
template <class T> struct Odd {
  std::shared_ptr<Odd<T *>> parent;
  std::vector<std::shared_ptr<Odd<T>>> children;
};

// The back edge is a member of one instantiation of a template that other
// instantiations share: reported, but not fixed.
template <class T> struct Link {
  std::shared_ptr<T> owner;
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'Link<Hub>::owner' closes a shared_ptr ownership cycle: a 'Hub' and the 'Hub' it holds through 'Hub::spokes' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:37: note: 'Hub::spokes' holds a 'Hub'
// CHECK-MESSAGES: :[[@LINE+3]]:14: note: 'Hub' derives from 'Link<Hub>'
// CHECK-MESSAGES: :[[@LINE-4]]:22: note: 'Link<Hub>::owner' holds a 'Hub' back
};
struct Hub : Link<Hub> {
  std::vector<std::shared_ptr<Hub>> spokes;
};
Link<int> IntLink;
// CHECK-FIXES:  std::shared_ptr<T> owner;

// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(Node<int> &n, const std::shared_ptr<Node<int>> &p) { n.parent = p; }
void link(Bucket<int> &b, const std::shared_ptr<Table<int>> &t) { b.owner = t; }
void link(Widget &w, const std::shared_ptr<Panel> &p) { w.parent = p; }
void link(Hub &h, const std::shared_ptr<Hub> &o) { h.owner = o; }

// Class templates that nothing instantiates (a header-only library checked on
// its own, a header open in an editor): their code is read as written, each
// `n->parent` resolved from the type of `n`.
template <class T> class Tree {
  struct TreeNode {
    std::shared_ptr<TreeNode> left, right;
    std::shared_ptr<TreeNode> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'Tree::TreeNode::parent' closes a shared_ptr ownership cycle: a 'Tree::TreeNode' and the 'Tree::TreeNode' it holds through 'Tree::TreeNode::left' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Tree::TreeNode::left' holds a 'Tree::TreeNode'
// CHECK-MESSAGES: :[[@LINE-3]]:31: note: 'Tree::TreeNode::parent' holds a 'Tree::TreeNode' back
    T value;
  };
  std::shared_ptr<TreeNode> root_;

public:
  void insert(T v) {
    auto n = std::make_shared<TreeNode>();
    n->value = v;
    if (!root_) {
      root_ = n;
      return;
    }
    n->parent = root_;
    root_->left = n;
  }
};
// No fix-it: the uses of a member in a template's code are not checked.
// CHECK-FIXES:    std::shared_ptr<TreeNode> parent;

// The children held by a base that the node passes itself to (CRTP), as in
// OpenGenus/cosmos's splay tree before its fix. (Clang 22 names the member
// template with its class, 'SplayTree::Links<D>'; Clang 19 does not.)
template <class T> class SplayTree {
  template <class D> struct Links {
    std::shared_ptr<D> left, right;
  };
  struct SplayNode : Links<SplayNode> {
    std::shared_ptr<SplayNode> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'SplayTree::SplayNode::parent' closes a shared_ptr ownership cycle: a 'SplayTree::SplayNode' and the 'SplayTree::SplayNode' it holds through '{{(SplayTree::)?}}Links<D>::left' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:22: note: 'SplayTree::SplayNode' derives from '{{(SplayTree::)?}}Links<D>'
// CHECK-MESSAGES: :[[@LINE-6]]:24: note: '{{(SplayTree::)?}}Links<D>::left' holds a 'SplayTree::SplayNode'
// CHECK-MESSAGES: :[[@LINE-4]]:32: note: 'SplayTree::SplayNode::parent' holds a 'SplayTree::SplayNode' back
    T value;
  };
  using NodePtr = std::shared_ptr<SplayNode>;
  NodePtr root_;

public:
  void attach(NodePtr child, NodePtr parent) {
    child->parent = parent;
    parent->left = child;
  }
};

// no warning: the template's own code breaks the back edge.
template <class T> class Forest {
  struct ForestNode {
    std::vector<std::shared_ptr<ForestNode>> children;
    std::shared_ptr<ForestNode> parent;
  };
  std::shared_ptr<ForestNode> root_;

public:
  void adopt(std::shared_ptr<ForestNode> c) {
    c->parent = root_;
    root_->children.push_back(c);
  }
  void detach(std::shared_ptr<ForestNode> c) { c->parent.reset(); }
};

// no warning: the back edge is never stored by the template's code.
template <class T> class Sketch {
  struct SketchNode {
    std::shared_ptr<SketchNode> next;
    std::shared_ptr<SketchNode> parent;
  };
  std::shared_ptr<SketchNode> head_;

public:
  bool orphan() const { return !head_->parent; }
};

// no warning: broken through an object whose type only instantiation decides
// (`find` returns a `P`): any member of that name may be the one broken.
template <class P> class Registry {
  struct Entry {
    std::vector<std::shared_ptr<Entry>> subs;
    std::shared_ptr<Entry> parent;
  };
  std::shared_ptr<Entry> root_;
  P find(int key);

public:
  void add(std::shared_ptr<Entry> e) {
    e->parent = root_;
    root_->subs.push_back(e);
  }
  void remove(int key) { find(key)->parent.reset(); }
};

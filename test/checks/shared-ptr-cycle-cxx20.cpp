// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++20
// LLVM 22 misses the nullptr given to make_shared's parenthesized aggregate
// initialization (C1 below) and offers a fix that does not compile.
// REQUIRES: llvm-19

#include <concepts>
#include <memory>
#include <vector>

// C++20 parenthesized aggregate initialization through make_shared with
// nullptr: weak_ptr cannot be built from nullptr, so no fix.
struct P1;
struct C1 {
  std::shared_ptr<P1> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C1::parent' closes a shared_ptr ownership cycle: 'P1' and 'C1' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+4]]:36: note: 'P1::kids' holds a 'C1'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C1::parent' holds a 'P1' back
};
struct P1 {
  std::vector<std::shared_ptr<C1>> kids;
};
auto Orphan = std::make_shared<C1>(nullptr);
// CHECK-FIXES:  std::shared_ptr<P1> parent;

// Designated initializer with nullptr: no fix.
struct P2;
struct C2 {
  int id = 0;
  std::shared_ptr<P2> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C2::parent' closes a shared_ptr ownership cycle: 'P2' and 'C2' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+4]]:36: note: 'P2::kids' holds a 'C2'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C2::parent' holds a 'P2' back
};
struct P2 {
  std::vector<std::shared_ptr<C2>> kids;
};
C2 Detached{.id = 1, .parent = nullptr};
// CHECK-FIXES:  std::shared_ptr<P2> parent;

// Parenthesized aggregate initialization from a named shared_ptr: a
// weak_ptr takes it as well, so the fix is offered.
struct P3;
struct C3 {
  std::shared_ptr<P3> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C3::parent' closes a shared_ptr ownership cycle: 'P3' and 'C3' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+4]]:36: note: 'P3::kids' holds a 'C3'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C3::parent' holds a 'P3' back
};
struct P3 {
  std::vector<std::shared_ptr<C3>> kids;
};
void adopt(const std::shared_ptr<P3> &p) {
  C3 child(p);
  p->kids.push_back(std::make_shared<C3>(child));
}
// CHECK-FIXES:  std::weak_ptr<P3> parent;

// make_shared forwards its arguments to the aggregate: whether the value
// was a temporary is not visible there, so no fix.
struct P4;
struct C4 {
  std::shared_ptr<P4> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C4::parent' closes a shared_ptr ownership cycle: 'P4' and 'C4' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+4]]:36: note: 'P4::kids' holds a 'C4'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C4::parent' holds a 'P4' back
};
struct P4 {
  std::vector<std::shared_ptr<C4>> kids;
};
void adopt(const std::shared_ptr<P4> &p) {
  p->kids.push_back(std::make_shared<C4>(p));
}
// CHECK-FIXES:  std::shared_ptr<P4> parent;

// A constrained class template.
template <std::copyable T> struct Node {
  T value;
  std::shared_ptr<Node> prev;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Node<T>::prev' closes a shared_ptr ownership cycle: a 'Node<T>' and the 'Node<T>' it holds through 'Node<T>::next' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+2]]:25: note: 'Node<T>::next' holds a 'Node<T>'
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Node<T>::prev' holds a 'Node<T>' back
  std::shared_ptr<Node> next;
};
// CHECK-FIXES:  std::weak_ptr<Node> prev;
Node<int> IntNode;

// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(C1 &c, const std::shared_ptr<P1> &p) { c.parent = p; }
void link(C2 &c, const std::shared_ptr<P2> &p) { c.parent = p; }
void link(Node<int> &n, const std::shared_ptr<Node<int>> &p) { n.prev = p; }

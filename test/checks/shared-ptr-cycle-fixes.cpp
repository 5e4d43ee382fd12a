// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <memory>
#include <vector>

// Fixed: every use of the member compiles with weak_ptr (assignment from a
// named shared_ptr, constructor initializer from a parameter, use_count()).
struct P1;
struct C1 {
  std::shared_ptr<P1> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C1::parent' closes a shared_ptr ownership cycle: 'P1' and 'C1' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+9]]:36: note: 'P1::kids' holds a 'C1'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C1::parent' holds a 'P1' back
  C1() = default;
  explicit C1(std::shared_ptr<P1> p) : parent(std::move(p)) {}
  void attach(const std::shared_ptr<P1> &p) { parent = p; }
  long refs() const { return parent.use_count(); }
};
// CHECK-FIXES:  std::weak_ptr<P1> parent;
struct P1 {
  std::vector<std::shared_ptr<C1>> kids;
};
C1 copyOf(const C1 &c) { return c; }

// Not fixed: `parent->` needs shared_ptr (weak_ptr has no operator->).
struct P2;
struct C2 {
  std::shared_ptr<P2> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C2::parent' closes a shared_ptr ownership cycle: 'P2' and 'C2' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:36: note: 'P2::kids' holds a 'C2'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C2::parent' holds a 'P2' back
  int depth() const;
};
// CHECK-FIXES:  std::shared_ptr<P2> parent;
struct P2 {
  std::vector<std::shared_ptr<C2>> kids;
  int level = 0;
};
int C2::depth() const { return parent->level + 1; }

// no warning: the code breaks the back edge itself (`parent = nullptr`):
// a cycle formed on purpose and broken, as far as the type level can tell.
struct P3;
struct C3 {
  std::shared_ptr<P3> parent;
  //
  //
  //
  void clear() { parent = nullptr; }
};
// CHECK-FIXES:  std::shared_ptr<P3> parent;
struct P3 {
  std::vector<std::shared_ptr<C3>> kids;
};

// Not fixed: assigned a temporary; a weak_ptr would expire at once.
struct P4;
struct C4 {
  std::shared_ptr<P4> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C4::parent' closes a shared_ptr ownership cycle: 'P4' and 'C4' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:36: note: 'P4::kids' holds a 'C4'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C4::parent' holds a 'P4' back
  void init();
};
// CHECK-FIXES:  std::shared_ptr<P4> parent;
struct P4 {
  std::vector<std::shared_ptr<C4>> kids;
};
void C4::init() { parent = std::make_shared<P4>(); }

// Not fixed: `prev` and `next` share one declaration.
struct DL {
  std::shared_ptr<DL> next, prev;
// CHECK-MESSAGES: :[[@LINE-1]]:29: warning: 'DL::prev' closes a shared_ptr ownership cycle: a 'DL' and the 'DL' it holds through 'DL::next' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'DL::next' holds a 'DL'
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: 'DL::prev' holds a 'DL' back
};
// CHECK-FIXES:  std::shared_ptr<DL> next, prev;

// Not fixed: spelled through an alias.
struct P5;
using P5Ptr = std::shared_ptr<P5>;
struct C5 {
  P5Ptr parent;
// CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'C5::parent' closes a shared_ptr ownership cycle: 'P5' and 'C5' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:36: note: 'P5::kids' holds a 'C5'
// CHECK-MESSAGES: :[[@LINE-3]]:9: note: 'C5::parent' holds a 'P5' back
};
// CHECK-FIXES:  P5Ptr parent;
struct P5 {
  std::vector<std::shared_ptr<C5>> kids;
};

// Not fixed: declared by a macro.
#define SHARED_MEMBER(T, name) std::shared_ptr<T> name
struct P6;
struct C6 {
  SHARED_MEMBER(P6, parent);
// CHECK-MESSAGES: :[[@LINE-1]]:21: warning: 'C6::parent' closes a shared_ptr ownership cycle: 'P6' and 'C6' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:36: note: 'P6::kids' holds a 'C6'
// CHECK-MESSAGES: :[[@LINE-3]]:21: note: 'C6::parent' holds a 'P6' back
};
// CHECK-FIXES:  SHARED_MEMBER(P6, parent);
struct P6 {
  std::vector<std::shared_ptr<C6>> kids;
};

// Not fixed: aggregate-initialized with nullptr.
struct P7;
struct C7 {
  std::shared_ptr<P7> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C7::parent' closes a shared_ptr ownership cycle: 'P7' and 'C7' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:36: note: 'P7::kids' holds a 'C7'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C7::parent' holds a 'P7' back
};
// CHECK-FIXES:  std::shared_ptr<P7> parent;
struct P7 {
  std::vector<std::shared_ptr<C7>> kids;
};
C7 orphan{nullptr};

// Not fixed: the member's address is taken (`&C8::parent`).
struct P8;
struct C8 {
  std::shared_ptr<P8> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C8::parent' closes a shared_ptr ownership cycle: 'P8' and 'C8' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:36: note: 'P8::kids' holds a 'C8'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C8::parent' holds a 'P8' back
};
// CHECK-FIXES:  std::shared_ptr<P8> parent;
struct P8 {
  std::vector<std::shared_ptr<C8>> kids;
};
auto C8Parent = &C8::parent;

// Not fixed: copied into a local whose type follows the member's.
struct P9;
struct C9 {
  std::shared_ptr<P9> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'C9::parent' closes a shared_ptr ownership cycle: 'P9' and 'C9' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:36: note: 'P9::kids' holds a 'C9'
// CHECK-MESSAGES: :[[@LINE-3]]:23: note: 'C9::parent' holds a 'P9' back
};
// CHECK-FIXES:  std::shared_ptr<P9> parent;
struct P9 {
  std::vector<std::shared_ptr<C9>> kids;
};
bool hasParent(const C9 &c) {
  auto p = c.parent;
  return p != nullptr;
}

// Silenced.
struct P10;
struct C10 {
  std::shared_ptr<P10> parent; // NOLINT(leaklint-shared-ptr-cycle): cleared in P10::~P10... by design
};
// CHECK-FIXES:  std::shared_ptr<P10> parent; // NOLINT(leaklint-shared-ptr-cycle): cleared in P10::~P10... by design
struct P10 {
  std::vector<std::shared_ptr<C10>> kids;
};

// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(C2 &c, const std::shared_ptr<P2> &p) { c.parent = p; }
void link(C3 &c, const std::shared_ptr<P3> &p) { c.parent = p; }
void link(DL &d, const std::shared_ptr<DL> &p) { d.prev = p; }
void link(C5 &c, const std::shared_ptr<P5> &p) { c.parent = p; }
void link(C6 &c, const std::shared_ptr<P6> &p) { c.parent = p; }
void link(C7 &c, const std::shared_ptr<P7> &p) { c.parent = p; }
void link(C8 &c, const std::shared_ptr<P8> &p) { c.parent = p; }
void link(C9 &c, const std::shared_ptr<P9> &p) { c.parent = p; }
void link(C10 &c, const std::shared_ptr<P10> &p) { c.parent = p; }

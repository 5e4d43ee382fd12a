// RUN: %check_leaklint --config="{CheckOptions: {leaklint-shared-ptr-cycle.BackEdgeNames: 'up;boss'}}" %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <memory>
#include <vector>

// With BackEdgeNames set to 'up;boss', 'up' marks the back edge of a
// self-referencing type...
struct Cell {
  std::shared_ptr<Cell> up;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Cell::up' closes a shared_ptr ownership cycle: a 'Cell' and the 'Cell' it holds through 'Cell::down' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+2]]:25: note: 'Cell::down' holds a 'Cell'
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Cell::up' holds a 'Cell' back
  std::shared_ptr<Cell> down;
};
// CHECK-FIXES:  std::weak_ptr<Cell> up;

// ...and 'boss' the back edge between two types that otherwise point at
// each other one-to-one (no confident choice, so no fix without the hint).
struct Employee;
struct Manager {
  std::shared_ptr<Employee> assistant;
};
struct Employee {
  std::shared_ptr<Manager> boss;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Employee::boss' closes a shared_ptr ownership cycle: 'Manager' and 'Employee' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:29: note: 'Manager::assistant' holds a 'Employee'
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'Employee::boss' holds a 'Manager' back
};
// CHECK-FIXES:  std::shared_ptr<Employee> assistant;
// CHECK-FIXES:  std::weak_ptr<Manager> boss;

// no warning: 'parent' is no longer a back-edge name, so this is a chain
// plus a forward member, like a tree with no way back.
struct Folder {
  std::shared_ptr<Folder> parent;
  std::vector<std::shared_ptr<Folder>> subfolders;
};

// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(Cell &c, const std::shared_ptr<Cell> &up) { c.up = up; }
void link(Employee &e, const std::shared_ptr<Manager> &m) { e.boss = m; }

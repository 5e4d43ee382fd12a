// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <array>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

// Each owner holds its items in a different container; each item holds its
// owner back through a plain shared_ptr.
struct A1; struct A2; struct A3; struct A4; struct A5; struct A6; struct A7;
struct Owner {
  std::list<std::shared_ptr<A1>> l;
  std::deque<std::shared_ptr<A2>> d;
  std::map<int, std::shared_ptr<A3>> m;
  std::unordered_map<int, std::vector<std::shared_ptr<A4>>> um;
  std::set<std::shared_ptr<A5>> s;
  std::array<std::shared_ptr<A6>, 2> a;
  std::shared_ptr<A7> c[4];
};
struct A1 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A1::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A1' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-10]]:34: note: 'Owner::l' holds a 'A1'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A1::owner' holds a 'Owner' back
// CHECK-FIXES:struct A1 { std::weak_ptr<Owner> owner; };
struct A2 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A2::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A2' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-14]]:35: note: 'Owner::d' holds a 'A2'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A2::owner' holds a 'Owner' back
// CHECK-FIXES:struct A2 { std::weak_ptr<Owner> owner; };
struct A3 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A3::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A3' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-18]]:38: note: 'Owner::m' holds a 'A3'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A3::owner' holds a 'Owner' back
// CHECK-FIXES:struct A3 { std::weak_ptr<Owner> owner; };
struct A4 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A4::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A4' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-22]]:61: note: 'Owner::um' holds a 'A4'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A4::owner' holds a 'Owner' back
// CHECK-FIXES:struct A4 { std::weak_ptr<Owner> owner; };
struct A5 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A5::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A5' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-26]]:33: note: 'Owner::s' holds a 'A5'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A5::owner' holds a 'Owner' back
// CHECK-FIXES:struct A5 { std::weak_ptr<Owner> owner; };
struct A6 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A6::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A6' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-30]]:38: note: 'Owner::a' holds a 'A6'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A6::owner' holds a 'Owner' back
// CHECK-FIXES:struct A6 { std::weak_ptr<Owner> owner; };
struct A7 { std::shared_ptr<Owner> owner; };
// CHECK-MESSAGES: :[[@LINE-1]]:36: warning: 'A7::owner' closes a shared_ptr ownership cycle: 'Owner' and 'A7' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-34]]:23: note: 'Owner::c' holds a 'A7'
// CHECK-MESSAGES: :[[@LINE-3]]:36: note: 'A7::owner' holds a 'Owner' back
// CHECK-FIXES:struct A7 { std::weak_ptr<Owner> owner; };

// The back edge inside optional / pair / tuple: no fix (not a plain member).
struct B1; struct B2; struct B3;
struct Hub {
  std::vector<std::shared_ptr<B1>> b1;
  std::vector<std::shared_ptr<B2>> b2;
  std::vector<std::shared_ptr<B3>> b3;
};
struct B1 { std::optional<std::shared_ptr<Hub>> parent; };
// CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'B1::parent' closes a shared_ptr ownership cycle: 'Hub' and 'B1' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-6]]:36: note: 'Hub::b1' holds a 'B1'
// CHECK-MESSAGES: :[[@LINE-3]]:49: note: 'B1::parent' holds a 'Hub' back
struct B2 { std::pair<int, std::shared_ptr<Hub>> parent; };
// CHECK-MESSAGES: :[[@LINE-1]]:50: warning: 'B2::parent' closes a shared_ptr ownership cycle: 'Hub' and 'B2' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-9]]:36: note: 'Hub::b2' holds a 'B2'
// CHECK-MESSAGES: :[[@LINE-3]]:50: note: 'B2::parent' holds a 'Hub' back
struct B3 { std::tuple<int, double, std::shared_ptr<Hub>> parent; };
// CHECK-MESSAGES: :[[@LINE-1]]:59: warning: 'B3::parent' closes a shared_ptr ownership cycle: 'Hub' and 'B3' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-12]]:36: note: 'Hub::b3' holds a 'B3'
// CHECK-MESSAGES: :[[@LINE-3]]:59: note: 'B3::parent' holds a 'Hub' back

// A nested member by value carries the back edge.
struct Graph;
struct Links {
  std::shared_ptr<Graph> owner;
// CHECK-MESSAGES: :[[@LINE-1]]:26: warning: 'Links::owner' closes a shared_ptr ownership cycle: 'Graph' and 'Vertex' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+10]]:40: note: 'Graph::vertices' holds a 'Vertex'
// CHECK-MESSAGES: :[[@LINE+6]]:9: note: 'Vertex::links' contains a 'Links' by value
// CHECK-MESSAGES: :[[@LINE-4]]:26: note: 'Links::owner' holds a 'Graph' back
  int weight = 0;
};
// CHECK-FIXES:  std::weak_ptr<Graph> owner;
struct Vertex {
  Links links;
};
struct Graph {
  std::vector<std::shared_ptr<Vertex>> vertices;
};

// A container of by-value structs that hold shared_ptrs.
struct Leaf;
struct Entry {
  std::shared_ptr<Leaf> leaf;
};
struct Root {
  std::vector<Entry> entries;
};
struct Leaf {
  std::shared_ptr<Root> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Leaf::parent' closes a shared_ptr ownership cycle: 'Root' and 'Leaf' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:22: note: 'Root::entries' contains a 'Entry' by value
// CHECK-MESSAGES: :[[@LINE-9]]:25: note: 'Entry::leaf' holds a 'Leaf'
// CHECK-MESSAGES: :[[@LINE-4]]:25: note: 'Leaf::parent' holds a 'Root' back
};
// CHECK-FIXES:  std::weak_ptr<Root> parent;

// unique_ptr down, shared_ptr back up: the child's reference keeps the
// parent alive, the parent keeps the child alive.
struct Engine;
struct Car {
  std::unique_ptr<Engine> engine;
};
struct Engine {
  std::shared_ptr<Car> owner;
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'Engine::owner' closes a shared_ptr ownership cycle: 'Car' and 'Engine' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:27: note: 'Car::engine' holds a 'Engine'
// CHECK-MESSAGES: :[[@LINE-3]]:24: note: 'Engine::owner' holds a 'Car' back
};
// CHECK-FIXES:  std::weak_ptr<Car> owner;

// no warning: unique_ptr down, raw pointer up.
struct Wheel;
struct Bike {
  std::array<std::unique_ptr<Wheel>, 2> wheels;
};
struct Wheel {
  Bike *bike = nullptr;
};

// no warning: weak_ptr in a container back.
struct Member;
struct Club {
  std::vector<std::shared_ptr<Member>> members;
};
struct Member {
  std::vector<std::weak_ptr<Club>> clubs;
};

// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(A1 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(A2 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(A3 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(A4 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(A5 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(A6 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(A7 &a, const std::shared_ptr<Owner> &o) { a.owner = o; }
void link(B1 &b, const std::shared_ptr<Hub> &h) { b.parent = h; }
void link(B2 &b, const std::shared_ptr<Hub> &h) { b.parent = {0, h}; }
void link(B3 &b, const std::shared_ptr<Hub> &h) { b.parent = {0, 0.0, h}; }
void link(Vertex &v, const std::shared_ptr<Graph> &g) { v.links.owner = g; }
void link(Leaf &l, const std::shared_ptr<Root> &r) { l.parent = r; }
void link(Engine &e, const std::shared_ptr<Car> &c) { e.owner = c; }

// A tree of handlers whose links live in a private implementation, qpdf's
// style (`std::shared_ptr<Members> m`, libqpdf/qpdf/JSONHandler.hh): the
// implementation is part of its handler, so the handlers' links are a tree's
// (a map of children, a fallback child), as if they were members.
class Handler {
public:
  Handler() : m(new Members()) {}
  void addKeyHandler(const std::string &key, std::shared_ptr<Handler> h) {
    m->keys[key] = h;
  }
  void addFallback(std::shared_ptr<Handler> h) { m->fallback = h; }

private:
  class Members {
    friend class Handler;

  public:
    ~Members() = default;

  private:
    Members() = default;
    std::map<std::string, std::shared_ptr<Handler>> keys;
    std::shared_ptr<Handler> fallback;
  };
  std::shared_ptr<Members> m; // no warning
};
void buildHandlers() {
  auto root = std::make_shared<Handler>();
  auto child = std::make_shared<Handler>();
  root->addKeyHandler("pages", child);
  child->addFallback(std::make_shared<Handler>());
}

// An implementation that holds its owner's parent strongly: the tree's back
// edge, reported through the implementation.
class Window {
public:
  Window() : d(std::make_unique<Private>()) {}
  void add(const std::shared_ptr<Window> &self, std::shared_ptr<Window> c) {
    c->d->parent = self;
    d->children.push_back(std::move(c));
  }

private:
  struct Private {
    std::vector<std::shared_ptr<Window>> children;
    std::shared_ptr<Window> parent;
  };
  std::unique_ptr<Private> d;
};
// CHECK-MESSAGES: :[[@LINE-4]]:29: warning: 'Window::Private::parent' closes a shared_ptr ownership cycle: a 'Window' and the 'Window' it holds through 'Window::Private::children' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:28: note: 'Window::d' holds a 'Window::Private' that only it creates and uses
// CHECK-MESSAGES: :[[@LINE-7]]:42: note: 'Window::Private::children' holds a 'Window'
// CHECK-MESSAGES: :[[@LINE-5]]:28: note: 'Window::d' holds a 'Window::Private' that only it creates and uses
// CHECK-MESSAGES: :[[@LINE-8]]:29: note: 'Window::Private::parent' holds a 'Window' back

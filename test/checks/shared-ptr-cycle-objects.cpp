// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17
// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++20

#include <functional>
#include <memory>
#include <string>
#include <vector>

// A singly linked list: no cycle between the types, but this node is made
// to hold itself.
struct SNode {
  std::shared_ptr<SNode> next;
  int value = 0;
};

void selfLoop() {
  auto r = std::make_shared<SNode>();
  r->next = r;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'SNode' forms a cycle on this path through 'SNode::next' and is never freed: the last reference from outside the cycle, 'r', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: the 'SNode' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'SNode::next' is set to the 'SNode' itself here

// no warning: a list built node by node.
std::shared_ptr<SNode> build(int n) {
  std::shared_ptr<SNode> head;
  for (int i = 0; i < n; ++i) {
    auto node = std::make_shared<SNode>();
    node->next = head;
    head = node;
  }
  return head;
}

// no warning: the self-loop is broken before the node goes away.
void selfLoopBroken() {
  auto r = std::make_shared<SNode>();
  r->next = r;
  r->next.reset();
}

// no warning: the node is handed to code that is not visible; whoever
// keeps it decides.
void keep(std::shared_ptr<SNode> n);
void selfLoopEscapes() {
  auto r = std::make_shared<SNode>();
  r->next = r;
  keep(r);
}

// Two objects of types that form a cycle: linked both ways, never unlinked.
struct Engine;
struct Car {
  std::unique_ptr<Engine> engine;
};
struct Engine {
  std::shared_ptr<Car> car;
};

void assemble() {
  auto car = std::make_shared<Car>();
  car->engine = std::make_unique<Engine>();
  car->engine->car = car;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Car' and a 'Engine' form a cycle on this path through 'Car::engine' and 'Engine::car' and are never freed: the last reference from outside the cycle, 'car', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:14: note: the 'Car' is created here
// CHECK-MESSAGES: :[[@LINE-5]]:17: note: the 'Engine' is created here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Car::engine' is set to the 'Engine' here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Engine::car' is set to the 'Car' here

// no warning: the same, broken before the owners go away.
void assembleAndBreak() {
  auto car = std::make_shared<Car>();
  car->engine = std::make_unique<Engine>();
  car->engine->car = car;
  car->engine->car.reset();
}

// Broken on one path only: reported, with the path.
void assembleMaybe(bool keepLinked) {
  auto car = std::make_shared<Car>();
  car->engine = std::make_unique<Engine>();
  car->engine->car = car;
  if (!keepLinked)
    car->engine->car = nullptr;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Car' and a 'Engine' form a cycle on this path through 'Car::engine' and 'Engine::car' and are never freed: the last reference from outside the cycle, 'car', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-7]]:14: note: the 'Car' is created here
// CHECK-MESSAGES: :[[@LINE-7]]:17: note: the 'Engine' is created here
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'Car::engine' is set to the 'Engine' here
// CHECK-MESSAGES: :[[@LINE-8]]:3: note: 'Engine::car' is set to the 'Car' here
// CHECK-MESSAGES: :[[@LINE-8]]:7: note: assuming '!keepLinked' is false

// An object that stores a callback capturing a shared_ptr to itself,
// through a setter.
struct Conn {
  std::function<void()> on_close;
  void setOnClose(std::function<void()> f) { on_close = std::move(f); }
  void close() { on_close = nullptr; }
  void send(const std::string &) {}
};

void serve() {
  auto conn = std::make_shared<Conn>();
  conn->setOnClose([conn] { conn->send("bye"); });
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Conn' forms a cycle on this path through 'Conn::on_close' and is never freed: the last reference from outside the cycle, 'conn', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: the 'Conn' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Conn::on_close' is given a callback that owns the 'Conn' itself here (in 'setOnClose')
// CHECK-FIXES:  conn->setOnClose([conn_weak = std::weak_ptr(conn)] { auto conn = conn_weak.lock(); if (!conn) return; conn->send("bye"); });

// no warning: the owner calls close(), which resets the callback.
void serveAndClose() {
  auto conn = std::make_shared<Conn>();
  conn->setOnClose([conn] { conn->send("bye"); });
  conn->close();
}

// no warning: a weak capture does not own.
void serveWeak() {
  auto conn = std::make_shared<Conn>();
  std::weak_ptr<Conn> weak = conn;
  conn->setOnClose([weak] {
    if (auto c = weak.lock())
      c->send("bye");
  });
}

// Directly assigned, and closed on one path only.
void serveMaybe(bool done) {
  auto conn = std::make_shared<Conn>();
  conn->on_close = [conn] { conn->send("bye"); };
  if (done)
    conn->close();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Conn' forms a cycle on this path through 'Conn::on_close' and is never freed: the last reference from outside the cycle, 'conn', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-6]]:15: note: the 'Conn' is created here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Conn::on_close' is given a callback that owns the 'Conn' itself here
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'done' is false

// A container of callbacks.
struct Bus {
  std::vector<std::function<void()>> handlers;
  void subscribe(std::function<void()> f) { handlers.push_back(std::move(f)); }
  void reset() { handlers.clear(); }
};

void subscribeSelf() {
  auto bus = std::make_shared<Bus>();
  bus->subscribe([bus] { (void)bus; });
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Bus' forms a cycle on this path through 'Bus::handlers' and is never freed: the last reference from outside the cycle, 'bus', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: the 'Bus' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Bus::handlers' is given a callback that owns the 'Bus' itself here (in 'subscribe')
// CHECK-FIXES:  bus->subscribe([bus_weak = std::weak_ptr(bus)] { auto bus = bus_weak.lock(); if (!bus) return; (void)bus; });

// no warning: cleared before the end.
void subscribeAndReset() {
  auto bus = std::make_shared<Bus>();
  bus->subscribe([bus] { (void)bus; });
  bus->reset();
}

// A session that keeps itself alive until close() drops the reference.
struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<Session> self_;
  void start() { self_ = shared_from_this(); }
  void close() { self_ = nullptr; }
};

void runSession(bool ok) {
  auto s = std::make_shared<Session>();
  s->start();
  if (ok)
    s->close();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Session' forms a cycle on this path through 'Session::self_' and is never freed: the last reference from outside the cycle, 's', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-6]]:12: note: the 'Session' is created here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Session::self_' is set to the 'Session' itself here (in 'start')
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: assuming 'ok' is false

// no warning: closed on every path.
void runSessionClosed(bool ok) {
  auto s = std::make_shared<Session>();
  s->start();
  if (ok) {
    s->close();
    return;
  }
  s->close();
}

// A temporary that forms a cycle: nothing outside ever refers to it.
void fireAndForget() {
  std::make_shared<Session>()->start();
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: a 'Session' forms a cycle on this path through 'Session::self_' and is never freed: the last reference from outside the cycle dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'Session' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Session::self_' is set to the 'Session' itself here (in 'start')

// A factory returns an object in a cycle, and the caller drops it.
std::shared_ptr<Session> open() {
  auto s = std::make_shared<Session>();
  s->start();
  return s;
}
void dropOpened() {
  open();
}
// CHECK-MESSAGES: :[[@LINE-2]]:3: warning: a 'Session' forms a cycle on this path through 'Session::self_' and is never freed: the last reference from outside the cycle dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the 'Session' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Session::self_' is set to the 'Session' itself here (in 'open')

// no warning: the caller keeps it, and closes it.
void useOpened() {
  auto s = open();
  s->close();
}

// A parent and child linked by a method of the parent: the object level
// sees them formed, so the type level does not report the same members.
struct Child;
struct Parent {
  std::vector<std::shared_ptr<Child>> children;
  void adopt(const std::shared_ptr<Parent> &self, std::shared_ptr<Child> c);
};
struct Child {
  std::shared_ptr<Parent> parent;
};
void Parent::adopt(const std::shared_ptr<Parent> &self, std::shared_ptr<Child> c) {
  c->parent = self;
  children.push_back(std::move(c));
}

void family() {
  auto p = std::make_shared<Parent>();
  p->adopt(p, std::make_shared<Child>());
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Parent' and a 'Child' form a cycle on this path through 'Parent::children' and 'Child::parent' and are never freed: the last reference from outside the cycle, 'p', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: the 'Parent' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:15: note: the 'Child' is created here
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: 'Parent::children' is set to the 'Child' here (in 'adopt')
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Child::parent' is set to the 'Parent' here (in 'adopt')

// A bound member function that owns its object.
struct Timer {
  std::function<void()> tick;
  void fire() {}
};
void arm() {
  auto t = std::make_shared<Timer>();
  t->tick = std::bind(&Timer::fire, t);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Timer' forms a cycle on this path through 'Timer::tick' and is never freed: the last reference from outside the cycle, 't', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-4]]:12: note: the 'Timer' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: 'Timer::tick' is given a callback that owns the 'Timer' itself here

// Binds that do not own the object, or whose cycle is broken: silent.
void armRaw() {
  auto t = std::make_shared<Timer>();
  t->tick = std::bind(&Timer::fire, t.get());
}
void armByReference() {
  auto t = std::make_shared<Timer>();
  t->tick = std::bind(&Timer::fire, std::ref(t));
}
void armOther() {
  auto t = std::make_shared<Timer>();
  auto u = std::make_shared<Timer>();
  t->tick = std::bind(&Timer::fire, u);
}
void armAndDisarm() {
  auto t = std::make_shared<Timer>();
  t->tick = std::bind(&Timer::fire, t);
  t->tick = nullptr;
}

// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17
// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++20

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

// What counts as breaking a cycle before its owners go away, and what the
// object level does with objects it cannot follow.

struct Engine;
struct Car {
  std::unique_ptr<Engine> engine;
  void shutdown();
};
struct Engine {
  std::shared_ptr<Car> car;
};
void Car::shutdown() { engine->car.reset(); }

std::shared_ptr<Car> build() {
  auto car = std::make_shared<Car>();
  car->engine = std::make_unique<Engine>();
  car->engine->car = car;
  return car;
}

// no warning: the owner's method breaks the link it reaches through a member.
void driveAndStop() {
  auto car = build();
  car->shutdown();
}

// no warning: swapped with an empty pointer.
void swapOut() {
  auto car = build();
  std::shared_ptr<Car> none;
  std::swap(car->engine->car, none);
}

// no warning: moved out of the member.
void moveOut() {
  auto car = build();
  auto back = std::move(car->engine->car);
}

// The factory's cycle, dropped by the caller: reported in the caller.
void dropBuilt() {
  auto car = build();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Car' and a 'Engine' form a cycle on this path through 'Car::engine' and 'Engine::car' and are never freed: the last reference from outside the cycle, 'car', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-3]]:14: note: the 'Car' is created here
// CHECK-MESSAGES: :[[@LINE-4]]:14: note: the 'Engine' is created here
// CHECK-MESSAGES: :[[@LINE-5]]:14: note: 'Car::engine' is set to the 'Engine' here (in 'build')
// CHECK-MESSAGES: :[[@LINE-6]]:14: note: 'Engine::car' is set to the 'Car' here (in 'build')

// no warning: the same condition links and unlinks.
void correlated(bool pin) {
  auto car = std::make_shared<Car>();
  car->engine = std::make_unique<Engine>();
  if (pin)
    car->engine->car = car;
  if (pin)
    car->engine->car = nullptr;
}

// no warning: the object is kept by a registry the TU cannot see into.
struct Registry;
Registry &registry();
void enroll(Registry &r, std::shared_ptr<Car> car);
void keepAlive() {
  auto car = build();
  enroll(registry(), car);
}

// no warning: stored in a global.
std::shared_ptr<Car> Current;
void makeCurrent() {
  Current = build();
}

// A request whose callbacks live in a map; the request resets them when it
// completes.
struct Request : std::enable_shared_from_this<Request> {
  std::map<std::string, std::function<void()>> handlers;
  void on(const std::string &event) {
    handlers[event] = [self = shared_from_this()] { (void)self; };
  }
  void complete() { handlers.clear(); }
};

// no warning: completed on every path.
void request(bool fail) {
  auto r = std::make_shared<Request>();
  r->on("data");
  if (fail) {
    r->complete();
    return;
  }
  r->complete();
}

// Completed on one path only.
void requestMaybe(bool fail) {
  auto r = std::make_shared<Request>();
  r->on("data");
  if (fail)
    return;
  r->complete();
}
// CHECK-MESSAGES: :[[@LINE-3]]:5: warning: a 'Request' forms a cycle on this path through 'Request::handlers' and is never freed: the last reference from outside the cycle, 'r', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-7]]:12: note: the 'Request' is created here
// CHECK-MESSAGES: :[[@LINE-7]]:3: note: 'Request::handlers' is given a callback that owns the 'Request' itself here (in 'on')
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: assuming 'fail' is true

// no warning: erase() may remove the element that holds the cycle; a break
// that may happen counts.
void requestErase() {
  auto r = std::make_shared<Request>();
  r->on("data");
  r->handlers.erase("data");
}

// no warning: a node list built in a loop, each node linked to the next.
struct Node {
  std::shared_ptr<Node> next;
  std::weak_ptr<Node> prev;
};
void chain(int n) {
  auto head = std::make_shared<Node>();
  auto tail = head;
  for (int i = 0; i < n; ++i) {
    auto node = std::make_shared<Node>();
    node->prev = tail;
    tail->next = node;
    tail = node;
  }
}

// A ring built by hand: the last node points back to the first.
void ring() {
  auto a = std::make_shared<Node>();
  auto b = std::make_shared<Node>();
  a->next = b;
  b->next = a;
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: a 'Node' and a 'Node' form a cycle on this path through 'Node::next' and 'Node::next' and are never freed: the last reference from outside the cycle, 'a', dies here [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-6]]:12: note: the 'Node' is created here
// CHECK-MESSAGES: :[[@LINE-6]]:12: note: the 'Node' is created here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Node::next' is set to the 'Node' here
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: 'Node::next' is set to the 'Node' here

// no warning: the ring is opened before the nodes go.
void ringOpened() {
  auto a = std::make_shared<Node>();
  auto b = std::make_shared<Node>();
  a->next = b;
  b->next = a;
  b->next = nullptr;
}

// no warning: the node goes to the caller through an out-parameter.
void makeLoop(std::shared_ptr<Node> &out) {
  out = std::make_shared<Node>();
  out->next = out;
}

// The type level sees one file of the program. Where a class of the cycle
// has a method defined in another file (here only declared), that method
// may break the link (`close()` clearing the queue), so the cycle is not
// reported; ReportPossibleCycles reports it.
struct Channel;
struct Packet {
  std::shared_ptr<Channel> from;
};
struct Channel {
  std::vector<std::shared_ptr<Packet>> queue;
  void close();
};
// no warning: 'Channel::close' is in another file.
void receive(Channel &c, const std::shared_ptr<Channel> &self,
             std::shared_ptr<Packet> p) {
  p->from = self;
  c.queue.push_back(std::move(p));
}

// Its twin with every method in view is reported.
struct Pipe;
struct Chunk {
  std::shared_ptr<Pipe> from;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Chunk::from' closes a shared_ptr ownership cycle: 'Pipe' and 'Chunk' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:39: note: 'Pipe::queue' holds a 'Chunk'
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Chunk::from' holds a 'Pipe' back
// CHECK-FIXES:  std::weak_ptr<Pipe> from;
};
struct Pipe {
  std::vector<std::shared_ptr<Chunk>> queue;
  std::size_t size() const { return queue.size(); }
};
void receive(Pipe &c, const std::shared_ptr<Pipe> &self,
             std::shared_ptr<Chunk> p) {
  p->from = self;
  c.queue.push_back(std::move(p));
}

// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <memory>
#include <vector>

// A derived class owns what its base owns: the back edge lives in the base.
struct Container;
struct Element {
  std::shared_ptr<Container> container_ref;
// CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Element::container_ref' closes a shared_ptr ownership cycle: 'Container' and 'Item' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+9]]:38: note: 'Container::items' holds a 'Item'
// CHECK-MESSAGES: :[[@LINE+4]]:15: note: 'Item' derives from 'Element'
// CHECK-MESSAGES: :[[@LINE-4]]:30: note: 'Element::container_ref' holds a 'Container' back
};
// CHECK-FIXES:  std::weak_ptr<Container> container_ref;
struct Item : Element {
  int id = 0;
};
struct Container {
  std::vector<std::shared_ptr<Item>> items;
};

// The owner keeps its children in a base class.
struct Kid;
struct ChildList {
  std::vector<std::shared_ptr<Kid>> kids;
};
struct Family : ChildList {};
struct Kid {
  std::shared_ptr<Family> parent;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Kid::parent' closes a shared_ptr ownership cycle: 'Family' and 'Kid' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-4]]:17: note: 'Family' derives from 'ChildList'
// CHECK-MESSAGES: :[[@LINE-7]]:37: note: 'ChildList::kids' holds a 'Kid'
// CHECK-MESSAGES: :[[@LINE-4]]:27: note: 'Kid::parent' holds a 'Family' back
};
// CHECK-FIXES:  std::weak_ptr<Family> parent;

// Polymorphism: a subject holds listeners through shared_ptr<Listener>; the
// TU stores a derived listener that holds the subject back.
struct Subject;
struct Listener {
  virtual ~Listener() = default;
  virtual void notify() = 0;
};
struct Subject {
  std::vector<std::shared_ptr<Listener>> listeners;
// CHECK-MESSAGES: :[[@LINE-1]]:42: warning: 'Subject::listeners' closes a shared_ptr ownership cycle: 'View' and 'Subject' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:28: note: 'View::subject' holds a 'Subject'
// CHECK-MESSAGES: :[[@LINE-3]]:42: note: 'Subject::listeners' holds a 'Listener' back
// CHECK-MESSAGES: :[[@LINE+9]]:26: note: a 'View' is stored as a 'Listener' here
};
struct View : Listener {
  std::shared_ptr<Subject> subject;
  void notify() override {}
};
void connect(const std::shared_ptr<Subject> &s) {
  auto v = std::make_shared<View>();
  v->subject = s;
  s->listeners.push_back(v);
}

// no warning: a derived class that could hold its owner back, but the TU
// never stores one through the base pointer.
struct Handler {
  virtual ~Handler() = default;
};
struct Dispatcher {
  std::vector<std::shared_ptr<Handler>> handlers;
};
struct LoggingHandler : Handler {
  std::shared_ptr<Dispatcher> dispatcher;
};

// no warning: the base holds its owner weakly.
struct Tab;
struct TabBase {
  std::weak_ptr<Tab> tab;
};
struct Page : TabBase {};
struct Tab {
  std::vector<std::shared_ptr<Page>> pages;
};

// The type level reports a cycle only where this translation unit stores
// the back edge (here on objects it receives, so the object level cannot
// follow them) and never breaks it.
void link(Item &i, const std::shared_ptr<Container> &c) { i.container_ref = c; }
void link(Kid &k, const std::shared_ptr<Family> &f) { k.parent = f; }

// no warning: decorators that wrap any transport, each stored as the base:
// a buffered transport over a framed one over a buffered one is a chain.
struct Transport {
  virtual ~Transport() = default;
};
struct Buffered : Transport {
  explicit Buffered(std::shared_ptr<Transport> t) : inner(std::move(t)) {}
  std::shared_ptr<Transport> inner;
};
struct Framed : Transport {
  explicit Framed(std::shared_ptr<Transport> t) : inner(std::move(t)) {}
  std::shared_ptr<Transport> inner;
};
std::shared_ptr<Transport> wrap(std::shared_ptr<Transport> t, bool framed) {
  if (framed)
    return std::shared_ptr<Transport>(new Framed(std::move(t)));
  return std::shared_ptr<Transport>(new Buffered(std::move(t)));
}

// no warning: a chain of stages linked by a base-class `next` shared_ptr that ends in a stage of a derived
// class, which nobody gives a next stage: a list, not a cycle. The derived class "holds" its
// base's `next` only in the type graph.
// Real code: cpprest Release/include/cpprest/http_msg.h:1628 (http_pipeline_stage::m_next_stage).
// v2: "'Stage::m_next' closes a shared_ptr ownership cycle: 'Sender' and 'Stage' keep each other alive".
struct Stage {
  virtual ~Stage() = default;
  void set_next(const std::shared_ptr<Stage> &n) { m_next = n; }
  std::shared_ptr<Stage> m_next;
};
struct Sender : Stage {};
struct Pipeline {
  explicit Pipeline(std::shared_ptr<Sender> last) : m_last(std::move(last)) {}
  void append(const std::shared_ptr<Stage> &s) {
    if (!m_stages.empty()) m_stages.back()->set_next(s);
    s->set_next(m_last);
    m_stages.push_back(s);
  }
  std::shared_ptr<Sender> m_last;
  std::vector<std::shared_ptr<Stage>> m_stages;
};
Pipeline make() { return Pipeline(std::make_shared<Sender>()); }

// A derived object only lent to a function that calls through it
// (`InitTagset(nsr)` whose body uses `t->` alone) is stored nowhere as its
// base: the base member never holds one (i2pd's ECIESX25519AEADRatchetSession,
// whose send tagset is always a plain RatchetTagSet).
struct Session;
struct TagSet {
  virtual ~TagSet() = default;
  void Init() {}
};
struct ReceiveTagSet : TagSet {
  explicit ReceiveTagSet(std::shared_ptr<Session> s) : session(std::move(s)) {}
  std::shared_ptr<Session> session;
};
struct Session : std::enable_shared_from_this<Session> {
  std::shared_ptr<TagSet> sendTagset; // no warning: never a ReceiveTagSet
  void InitTagset(std::shared_ptr<TagSet> t) const { t->Init(); }
  void Start() {
    sendTagset = std::make_shared<TagSet>();
    auto nsr = std::make_shared<ReceiveTagSet>(shared_from_this());
    InitTagset(nsr);
  }
};

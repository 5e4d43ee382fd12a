// RUN: %check_leaklint %s leaklint-shared-ptr-cycle %t -- -std=c++17

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

// An object stores a callback that captures shared_from_this(): it keeps
// itself alive until the callback is cleared.
struct Connection : std::enable_shared_from_this<Connection> {
  std::function<void(const std::string &)> on_data;
// CHECK-MESSAGES: :[[@LINE-1]]:44: warning: 'Connection::on_data' closes a shared_ptr ownership cycle: a 'Connection' keeps itself alive through a callback that captures 'self' [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:44: note: 'Connection::on_data' holds a callback that keeps its own 'Connection' alive
// CHECK-MESSAGES: :[[@LINE+2]]:16: note: 'self' is captured by copy here and owns this object through shared_from_this()
  void start() {
    on_data = [self = shared_from_this()](const std::string &) { (void)self; };
  }
};
// CHECK-FIXES:    on_data = [self_weak = weak_from_this()](const std::string &) { auto self = self_weak.lock(); if (!self) return; (void)self; };

// The same through a local copy of the shared_ptr and a named lambda.
struct Timer : std::enable_shared_from_this<Timer> {
  std::function<void()> tick;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Timer::tick' closes a shared_ptr ownership cycle: a 'Timer' keeps itself alive through a callback that captures 'self' [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'Timer::tick' holds a callback that keeps its own 'Timer' alive
// CHECK-MESSAGES: :[[@LINE+3]]:18: note: 'self' is captured by copy here and owns this object through shared_from_this()
  void arm() {
    auto self = shared_from_this();
    auto fire = [self] { (void)self; };
    tick = fire;
  }
};

// A button's click handler captures the dialog that owns the button: stored
// through a setter.
struct Button {
  std::function<void()> on_click;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Button::on_click' closes a shared_ptr ownership cycle: 'Dialog' and 'Button' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:27: note: 'Dialog::ok' holds a 'Button'
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Button::on_click' holds a callback that keeps a 'Dialog' alive back
// CHECK-MESSAGES: :[[@LINE+7]]:18: note: 'self' is captured by copy here
  void onClick(std::function<void()> f) { on_click = std::move(f); }
};
struct Dialog : std::enable_shared_from_this<Dialog> {
  std::shared_ptr<Button> ok;
  void init() {
    auto self = shared_from_this();
    ok->onClick([self] { (void)self; });
  }
};

// A list of handlers, filled with push_back, capturing a shared_ptr.
struct Model;
struct EventBus {
  std::vector<std::function<void()>> handlers;
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'EventBus::handlers' closes a shared_ptr ownership cycle: 'Model' and 'EventBus' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+5]]:29: note: 'Model::bus' holds a 'EventBus'
// CHECK-MESSAGES: :[[@LINE-3]]:38: note: 'EventBus::handlers' holds a callback that keeps a 'Model' alive back
// CHECK-MESSAGES: :[[@LINE+5]]:30: note: 'me' is captured by copy here
};
struct Model {
  std::shared_ptr<EventBus> bus;
  void subscribe(std::shared_ptr<Model> me) {
    bus->handlers.push_back([me] { (void)me; });
  }
};

// A map of callbacks set through operator[], captured in a constructor
// initializer of another type.
struct Router;
struct Route {
  std::shared_ptr<Router> router;
};
struct Router {
  std::map<std::string, std::function<void()>> routes;
// CHECK-MESSAGES: :[[@LINE-1]]:48: warning: 'Router::routes' closes a shared_ptr ownership cycle: 'Route' and 'Router' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-5]]:27: note: 'Route::router' holds a 'Router'
// CHECK-MESSAGES: :[[@LINE-3]]:48: note: 'Router::routes' holds a callback that keeps a 'Route' alive back
// CHECK-MESSAGES: :[[@LINE+2]]:21: note: 'r' is captured by copy here
  void add(const std::string &path, std::shared_ptr<Route> r) {
    routes[path] = [r] { (void)r; };
  }
};

// A callback received by a constructor and stored in a member.
struct Worker;
struct Task {
  std::function<void()> done;
// CHECK-MESSAGES: :[[@LINE-1]]:25: warning: 'Task::done' closes a shared_ptr ownership cycle: 'Worker' and 'Task' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:25: note: 'Worker::task' holds a 'Task'
// CHECK-MESSAGES: :[[@LINE-3]]:25: note: 'Task::done' holds a callback that keeps a 'Worker' alive back
// CHECK-MESSAGES: :[[@LINE+7]]:36: note: 'self' is captured by copy here
  explicit Task(std::function<void()> d) : done(std::move(d)) {}
};
struct Worker : std::enable_shared_from_this<Worker> {
  std::shared_ptr<Task> task;
  void run() {
    auto self = shared_from_this();
    task = std::make_shared<Task>([self] { (void)self; });
  }
};

// std::bind stores a copy of shared_from_this().
struct Reader : std::enable_shared_from_this<Reader> {
  std::function<void(int)> on_read;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Reader::on_read' closes a shared_ptr ownership cycle: a 'Reader' keeps itself alive through a callback that captures 'shared_from_this()' [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:28: note: 'Reader::on_read' holds a callback that keeps its own 'Reader' alive
// CHECK-MESSAGES: :[[@LINE+3]]:42: note: 'shared_from_this()' is bound here and owns this object
  void handle(int) {}
  void start() {
    on_read = std::bind(&Reader::handle, shared_from_this(), std::placeholders::_1);
  }
};

// A class of the program that holds any callable and calls it, as
// std::function does (a type-erased `Callback<void()>`).
template <class> class Callback;
template <class R, class... A> class Callback<R(A...)> {
  struct Base {
    virtual ~Base() = default;
    virtual R call(A...) = 0;
  };
  template <class F> struct Holder : Base {
    explicit Holder(F f) : f(std::move(f)) {}
    R call(A... a) override { return f(a...); }
    F f;
  };
  std::unique_ptr<Base> held;

public:
  Callback() = default;
  template <class F> Callback(F f) : held(new Holder<F>(std::move(f))) {}
  R operator()(A... a) { return held->call(a...); }
};
struct Stream : std::enable_shared_from_this<Stream> {
  Callback<void()> on_end;
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'Stream::on_end' closes a shared_ptr ownership cycle: a 'Stream' keeps itself alive through a callback that captures 'self' [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE-2]]:20: note: 'Stream::on_end' holds a callback that keeps its own 'Stream' alive
// CHECK-MESSAGES: :[[@LINE+2]]:15: note: 'self' is captured by copy here and owns this object through shared_from_this()
  void open() {
    on_end = [self = shared_from_this()] { (void)self; };
  }
};

// no warning: a class that calls what it is given at once and keeps nothing.
template <class> struct RunNow;
template <class R> struct RunNow<R()> {
  RunNow() = default;
  template <class F> RunNow(F f) : ran(true) { f(); }
  R operator()() { return R(); }
  bool ran = false;
};
struct Document : std::enable_shared_from_this<Document> {
  RunNow<void()> once;
  void tag() { once = [self = shared_from_this()] { (void)self; }; }
};

// no warning: std::bind with a raw `this`.
struct RawReader {
  std::function<void(int)> on_read;
  void handle(int) {}
  void start() {
    on_read = std::bind(&RawReader::handle, this, std::placeholders::_1);
  }
};

// A subscription stored with emplace_back by a method that takes the
// callback as a parameter.
struct Subject {
  std::vector<std::function<void()>> handlers;
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'Subject::handlers' closes a shared_ptr ownership cycle: 'Observer' and 'Subject' keep each other alive [leaklint-shared-ptr-cycle]
// CHECK-MESSAGES: :[[@LINE+6]]:28: note: 'Observer::subject' holds a 'Subject'
// CHECK-MESSAGES: :[[@LINE-3]]:38: note: 'Subject::handlers' holds a callback that keeps a 'Observer' alive back
// CHECK-MESSAGES: :[[@LINE+6]]:25: note: 'self' is captured by copy here
  void subscribe(std::function<void()> f) { handlers.emplace_back(std::move(f)); }
};
struct Observer : std::enable_shared_from_this<Observer> {
  std::shared_ptr<Subject> subject;
  void attach() {
    subject->subscribe([self = shared_from_this()] { (void)self; });
  }
};

// no warning: the callback captures a struct that holds a shared_ptr to
// some Job, not necessarily this one.
struct Job;
struct JobContext {
  std::shared_ptr<Job> job;
};
struct Job {
  std::function<void()> run;
  void set(JobContext c) { run = [c] { (void)c; }; }
};

// no warning: the callback captures weak_from_this().
struct Poller : std::enable_shared_from_this<Poller> {
  std::function<void()> poll;
  void start() {
    poll = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        (void)self;
    };
  }
};

// no warning: the callback captures a raw `this`.
struct Ticker {
  std::function<void()> tick;
  int count = 0;
  void start() {
    tick = [this] { ++count; };
  }
};

// no warning: a shared_ptr captured by reference does not own.
struct RefHolder : std::enable_shared_from_this<RefHolder> {
  std::function<void()> cb;
  void start() {
    auto self = shared_from_this();
    cb = [&self] { (void)self; };
  }
};

// no warning: the callback is stored in another object of an unrelated
// type that nothing here owns.
struct Logger {
  std::function<void()> flush;
};
struct Service : std::enable_shared_from_this<Service> {
  void attach(Logger &log) {
    log.flush = [self = shared_from_this()] { (void)self; };
  }
};

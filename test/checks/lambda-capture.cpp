// RUN: %check_leaklint %s leaklint-lambda-capture %t -- -std=c++17

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

using Callback = std::function<void()>;
std::vector<Callback> g_callbacks;
Callback g_onExit;

// Owns heap data through a member: a copy duplicates the pixels.
struct Frame {
  std::vector<std::uint8_t> pixels;
  int width = 0;
};
// 512 bytes, trivially copyable: large, but moving it is a copy.
struct Matrix {
  double cells[64];
};
struct Small {
  int a, b;
};
// Handles: copying them does not copy what they point to.
struct Handles {
  std::shared_ptr<std::vector<int>> data;
  std::string_view name;
};

void consume(const Frame &);

// A bus whose body this TU does not have: only its name says it stores.
class Bus {
public:
  int subscribe(Callback cb);
  void post(Callback cb);
void on(const std::vector<std::uint8_t> &event, Callback cb);
};
void post(Callback cb);
void on(const std::vector<std::uint8_t> &event, Callback cb);
void process(Callback cb); // unknown: not listed, no body

// The TU has these bodies: they decide.
class Dispatcher {
public:
  void enqueue(Callback cb) { queue_.push_back(std::move(cb)); }
  template <typename F> void add(F &&f) { fns_.emplace_back(std::forward<F>(f)); }
  void runNow(const Callback &cb) { cb(); }

private:
  std::vector<Callback> queue_;
  std::vector<Callback> fns_;
};

struct Button {
  Callback onClick;
};

void attach(Button &b, Callback cb) { b.onClick = std::move(cb); }

struct Task {
  int when;
  Callback fn;
};

// Constructors that keep their callable, and one that keeps a reference.
class Timer {
public:
  Timer(int ms, Callback cb) : ms_(ms), cb_(std::move(cb)) {}

private:
  int ms_;
  Callback cb_;
};
class Watcher {
public:
  explicit Watcher(Callback cb) { cb_ = std::move(cb); }

private:
  Callback cb_;
};
struct RefHolder {
  explicit RefHolder(const Callback &cb) : cb_(cb) {}
  const Callback &cb_;
};

struct Impl {
  std::vector<Callback> handlers;
};

#define STORE_CALLBACK(cb) g_callbacks.push_back(cb)


std::vector<Callback> &registry() {
  static std::vector<Callback> all;
  return all;
}

class Widget {
public:
  explicit Widget(Frame f) : draw_([f] { consume(f); }) {}
  // CHECK-FIXES:  explicit Widget(Frame f) : draw_([f = std::move(f)] { consume(f); }) {}
  // CHECK-MESSAGES: :[[@LINE-2]]:37: warning: lambda stored in data member 'draw_' keeps a copy of 'f' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:30: note: the lambda is stored in data member 'draw_' here

  void member(Frame frame) {
    handlers_.push_back([frame] { consume(frame); });
    // CHECK-FIXES:    handlers_.push_back([frame = std::move(frame)] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in data member 'handlers_' here
  }

  void defaultCapture(Frame frame, int n) {
    handlers_.push_back([=] { consume(frame); (void)n; });
    // CHECK-FIXES:    handlers_.push_back([frame = std::move(frame), n] { consume(frame); (void)n; });
    // CHECK-MESSAGES: :[[@LINE-2]]:39: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in data member 'handlers_' here
  }

  void initCapture(Frame frame) {
    onDraw_ = [f = frame] { consume(f); };
    // CHECK-FIXES:    onDraw_ = [f = std::move(frame)] { consume(f); };
    // CHECK-MESSAGES: :[[@LINE-2]]:16: warning: lambda stored in data member 'onDraw_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is stored in data member 'onDraw_' here
  }

  void usedAfter(Frame frame) {
    handlers_.push_back([frame] { consume(frame); });
    // CHECK-FIXES:    handlers_.push_back([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in data member 'handlers_' here
    consume(frame);
  }

  void constRef(const Frame &frame) {
    handlers_.push_back([frame] { consume(frame); });
    // CHECK-FIXES:    handlers_.push_back([frame] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in data member 'handlers_' here
  }

  void inLoop(Frame frame) {
    for (int i = 0; i < 3; ++i)
      handlers_.push_back([frame] { consume(frame); });
      // CHECK-FIXES:      handlers_.push_back([frame] { consume(frame); });
      // CHECK-MESSAGES: :[[@LINE-2]]:28: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
      // CHECK-MESSAGES: :[[@LINE-3]]:17: note: the lambda is stored in data member 'handlers_' here
  }

  void bigPod(Matrix m) {
    onDraw_ = [m] { (void)m.cells[0]; };
    // CHECK-FIXES:    onDraw_ = [m] { (void)m.cells[0]; };
    // CHECK-MESSAGES: :[[@LINE-2]]:16: warning: lambda stored in data member 'onDraw_' keeps a copy of 'm' (type 'Matrix', 512 bytes) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is stored in data member 'onDraw_' here
  }

  void byKey(std::string name, int id) {
    byId_[id] = [name] { (void)name.size(); };
    // CHECK-FIXES:    byId_[id] = [name = std::move(name)] { (void)name.size(); };
    // CHECK-MESSAGES: :[[@LINE-2]]:18: warning: lambda stored in data member 'byId_' keeps a copy of 'name' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is stored in data member 'byId_' here
  }

  void mapEmplace(std::vector<int> ids, int id) {
    byId_.emplace(id, [ids] { (void)ids.size(); });
    // CHECK-FIXES:    byId_.emplace(id, [ids = std::move(ids)] { (void)ids.size(); });
    // CHECK-MESSAGES: :[[@LINE-2]]:24: warning: lambda stored in data member 'byId_' keeps a copy of 'ids' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:11: note: the lambda is stored in data member 'byId_' here
  }

  void aggregate(Frame frame) {
    tasks_.push_back(Task{1, [frame] { consume(frame); }});
    // CHECK-FIXES:    tasks_.push_back(Task{1, [frame = std::move(frame)] { consume(frame); }});
    // CHECK-MESSAGES: :[[@LINE-2]]:31: warning: lambda stored in data member 'tasks_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:12: note: the lambda is stored in data member 'tasks_' here
  }

  void viaLocal(Frame frame) {
    auto cb = [frame] { consume(frame); };
    // CHECK-FIXES:    auto cb = [frame = std::move(frame)] { consume(frame); };
    // CHECK-MESSAGES: :[[@LINE-2]]:16: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the lambda is held by local 'cb'
    // CHECK-MESSAGES: :[[@LINE+1]]:15: note: the lambda is stored in data member 'handlers_' here
    handlers_.push_back(std::move(cb));
  }

  void viaLocalCopy(std::array<std::string, 4> names) {
    Callback cb = [names] { (void)names[0]; };
    // CHECK-FIXES:    Callback cb = [names = std::move(names)] { (void)names[0]; };
    // CHECK-MESSAGES: :[[@LINE-2]]:20: warning: lambda stored in data member 'handlers_' keeps a copy of 'names' (type 'std::array<std::string, 4>', 128 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:14: note: the lambda is held by local 'cb'
    // CHECK-MESSAGES: :[[@LINE+1]]:15: note: the lambda is stored in data member 'handlers_' here
    handlers_.push_back(cb);
    cb();
  }

  void viaBody(Frame frame) {
    dispatcher_.enqueue([frame] { consume(frame); });
    // CHECK-FIXES:    dispatcher_.enqueue([frame = std::move(frame)] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in data member 'queue_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: the lambda is passed to 'Dispatcher::enqueue' here
    // CHECK-MESSAGES: :[[@LINE-156]]:38: note: the lambda is stored in data member 'queue_' here
  }

  void viaTemplateBody(Frame frame) {
    dispatcher_.add([frame] { consume(frame); });
    // CHECK-FIXES:    dispatcher_.add([frame = std::move(frame)] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: lambda stored in data member 'fns_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:17: note: the lambda is passed to 'Dispatcher::add' here
    // CHECK-MESSAGES: :[[@LINE-163]]:48: note: the lambda is stored in data member 'fns_' here
  }

  void viaName(Frame frame) {
    bus_.subscribe([frame] { consume(frame); });
    // CHECK-FIXES:    bus_.subscribe([frame = std::move(frame)] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: lambda passed to 'Bus::subscribe' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: 'Bus::subscribe' is assumed to keep the callable beyond the call (option 'StoringFunctions')
  }

  void viaParamMember(Frame frame) {
    attach(button_, [frame] { consume(frame); });
    // CHECK-FIXES:    attach(button_, [frame = std::move(frame)] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:22: warning: lambda stored in data member 'button_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is passed to 'attach' here
    // CHECK-MESSAGES: :[[@LINE-166]]:39: note: the lambda is stored in data member 'onClick' of parameter 'b' here
  }

  void viaConstructor(std::string name) {
    timers_.push_back(Timer(5, [name] { (void)name; }));
    // CHECK-FIXES:    timers_.push_back(Timer(5, [name = std::move(name)] { (void)name; }));
    // CHECK-MESSAGES: :[[@LINE-2]]:33: warning: lambda stored in data member 'timers_' keeps a copy of 'name' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:23: note: the lambda is kept by the 'Timer' constructed here
    // CHECK-MESSAGES: :[[@LINE-4]]:13: note: the lambda is stored in data member 'timers_' here
  }

  void viaConstructorBody(std::string name) {
    watchers_.emplace_back(Watcher([name] { (void)name; }));
    // CHECK-FIXES:    watchers_.emplace_back(Watcher([name = std::move(name)] { (void)name; }));
    // CHECK-MESSAGES: :[[@LINE-2]]:37: warning: lambda stored in data member 'watchers_' keeps a copy of 'name' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:28: note: the lambda is kept by the 'Watcher' constructed here
    // CHECK-MESSAGES: :[[@LINE-4]]:15: note: the lambda is stored in data member 'watchers_' here
  }

  void viaLocalObject(Frame frame) {
    Task t{0, nullptr};
    t.fn = [frame] { consume(frame); };
    // CHECK-FIXES:    t.fn = [frame = std::move(frame)] { consume(frame); };
    // CHECK-MESSAGES: :[[@LINE-2]]:13: warning: lambda stored in data member 'tasks_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is kept by local 't' here
    // CHECK-MESSAGES: :[[@LINE+1]]:12: note: the lambda is stored in data member 'tasks_' here
    tasks_.push_back(std::move(t));
  }

  void viaOwnedObject(Frame frame) {
    auto b = std::make_unique<Button>();
    b->onClick = [frame] { consume(frame); };
    // CHECK-FIXES:    b->onClick = [frame = std::move(frame)] { consume(frame); };
    // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: lambda stored in data member 'owned_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:5: note: the lambda is kept by local 'b' here
    // CHECK-MESSAGES: :[[@LINE+1]]:12: note: the lambda is stored in data member 'owned_' here
    owned_.push_back(std::move(b));
  }

  void viaOuterClosure(Frame frame) {
    auto inner = [frame] { consume(frame); };
    // CHECK-FIXES:    auto inner = [frame = std::move(frame)] { consume(frame); };
    // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the lambda is held by local 'inner'
    // CHECK-MESSAGES: :[[@LINE+1]]:15: note: the lambda is stored in data member 'handlers_' here
    handlers_.push_back([inner] { inner(); });
  }

  void throughPointer(Frame frame) {
    impl_->handlers.push_back([frame] { consume(frame); });
    // CHECK-FIXES:    impl_->handlers.push_back([frame = std::move(frame)] { consume(frame); });
    // CHECK-MESSAGES: :[[@LINE-2]]:32: warning: lambda stored in data member 'handlers' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:21: note: the lambda is stored in data member 'handlers' here
  }

  void movedIntoOuter(Frame frame) {
    auto inner = [frame] { consume(frame); };
    // CHECK-FIXES:    auto inner = [frame = std::move(frame)] { consume(frame); };
    // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: lambda stored in data member 'handlers_' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: the lambda is held by local 'inner'
    // CHECK-MESSAGES: :[[@LINE+1]]:15: note: the lambda is stored in data member 'handlers_' here
    handlers_.push_back([cb = std::move(inner)] { cb(); });
  }

  void threads(Frame frame) {
    workers_.emplace_back([frame] { consume(frame); }); // no warning: a thread drops it when done
  }

  void rangeFor(std::string label) {
    for (Button &b : buttons_)
      b.onClick = [label] { (void)label; };
      // CHECK-FIXES:      b.onClick = [label] { (void)label; };
      // CHECK-MESSAGES: :[[@LINE-2]]:20: warning: lambda stored in data member 'onClick' keeps a copy of 'label' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
      // CHECK-MESSAGES: :[[@LINE-3]]:7: note: the lambda is stored in data member 'onClick' here
    std::vector<Button> local(2); // no warning: the elements of a local
    for (Button &b : local)
      b.onClick = [label] { (void)label; };
  }

  void shortLivedObjects(std::string name) {
    Timer local(5, [name] { (void)name; });      // no warning: a local timer
    RefHolder ref([name] { (void)name; });       // no warning: keeps a reference only
    Watcher w([name] { (void)name; });           // no warning: a local watcher
  }

  Bus bus_;

private:
  std::vector<Timer> timers_;
  std::vector<std::thread> workers_;
  std::vector<Button> buttons_;
  std::vector<Watcher> watchers_;
  std::vector<std::unique_ptr<Button>> owned_;
  std::unique_ptr<Impl> impl_;
  std::vector<Callback> handlers_;
  std::map<int, Callback> byId_;
  std::vector<Task> tasks_;
  Callback onDraw_;
  Callback draw_;
  Dispatcher dispatcher_;
  Button button_;
};

void globals(Frame frame, std::string path) {
  g_callbacks.emplace_back([frame] { consume(frame); });
  // CHECK-FIXES:  g_callbacks.emplace_back([frame = std::move(frame)] { consume(frame); });
  // CHECK-MESSAGES: :[[@LINE-2]]:29: warning: lambda stored in global 'g_callbacks' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
  g_onExit = [path] { (void)path; };
  // CHECK-FIXES:  g_onExit = [path = std::move(path)] { (void)path; };
  // CHECK-MESSAGES: :[[@LINE-2]]:15: warning: lambda stored in global 'g_onExit' keeps a copy of 'path' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the lambda is stored in global 'g_onExit' here
}

void staticLocal(std::vector<std::string> config) {
  static Callback cached = [config] { (void)config.size(); };
  // CHECK-FIXES:  static Callback cached = [config = std::move(config)] { (void)config.size(); };
  // CHECK-MESSAGES: :[[@LINE-2]]:29: warning: lambda stored in static local 'cached' keeps a copy of 'config' (type 'std::vector<std::string>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:19: note: the lambda is stored in static local 'cached' here
  cached();
}

void singleton(Frame frame) {
  registry().push_back([frame] { consume(frame); });
  // CHECK-FIXES:  registry().push_back([frame = std::move(frame)] { consume(frame); });
  // CHECK-MESSAGES: :[[@LINE-2]]:25: warning: lambda stored in static local 'all' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: the lambda is stored in static local 'all' here
}

void freeApi(Frame frame, Bus &bus) {
  // No warning: a 'post' whose body the TU does not have runs the callable
  // once and then drops it (option 'OneShotFunctions'); see
  // lambda-capture-executors.cpp.
  post([frame] { consume(frame); });
  // CHECK-FIXES:  post([frame] { consume(frame); });
  bus.post([frame] { consume(frame); });
  // CHECK-FIXES:  bus.post([frame] { consume(frame); });
  (void)bus;
}

// No fix: the other argument may be read after the move.
void unsequenced(Frame frame) {
  on(frame.pixels, [frame] { consume(frame); });
  // CHECK-FIXES:  on(frame.pixels, [frame] { consume(frame); });
  // CHECK-MESSAGES: :[[@LINE-2]]:21: warning: lambda passed to 'on' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: 'on' is assumed to keep the callable beyond the call (option 'StoringFunctions')
}

void wire(Button &b, std::string label) {
  b.onClick = [label] { (void)label; };
  // CHECK-FIXES:  b.onClick = [label = std::move(label)] { (void)label; };
  // CHECK-MESSAGES: :[[@LINE-2]]:16: warning: lambda stored in data member 'onClick' of parameter 'b' keeps a copy of 'label' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the lambda is stored in data member 'onClick' of parameter 'b' here
}

void inMacro(Frame frame) {
  STORE_CALLBACK([frame] { consume(frame); });
  // CHECK-FIXES:  STORE_CALLBACK([frame] { consume(frame); });
  // CHECK-MESSAGES: :[[@LINE-2]]:19: warning: lambda stored in global 'g_callbacks' keeps a copy of 'frame' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the lambda is stored in global 'g_callbacks' here
  // CHECK-MESSAGES: :[[@LINE-294]]:40: note: expanded from macro 'STORE_CALLBACK'
}

void silenced(Frame frame) {
  g_callbacks.push_back([frame] { consume(frame); }); // NOLINT(leaklint-lambda-capture)
}

// ---- negatives ----

// Listed names whose bodies only call the callable: the body decides.
struct Loop {
  template <class F> void post(F &&f) { std::forward<F>(f)(); }
  void schedule(const Callback &f) {
    if (f)
      f();
  }
};
Loop g_loop;

void runNowOnGlobal(Frame frame) {
  g_loop.post([frame] { consume(frame); });     // no warning: post() only calls it
  g_loop.schedule([frame] { consume(frame); }); // no warning: schedule() only calls it
}

void byReference(Frame &frame) {
  g_callbacks.push_back([&frame] { consume(frame); }); // no warning: by reference
}

void byMove(Frame frame) {
  g_callbacks.push_back([frame = std::move(frame)] { consume(frame); }); // no warning: moved
}

void cheap(int n, Small s, std::shared_ptr<Frame> shared, std::string_view view, Handles h) {
  g_callbacks.push_back([n, s] { (void)n; (void)s; });  // no warning: small
  g_callbacks.push_back([shared] { consume(*shared); }); // no warning: shared_ptr is a handle
  g_callbacks.push_back([view] { (void)view; });         // no warning: string_view is a handle
  g_callbacks.push_back([h] { (void)h; });               // no warning: a struct of handles
}

class Holder {
public:
  explicit Holder(std::vector<int> ids) : handlers_{[ids] { (void)ids; }} {}
  // CHECK-FIXES:  explicit Holder(std::vector<int> ids) : handlers_{[ids = std::move(ids)] { (void)ids; }} {}
  // CHECK-MESSAGES: :[[@LINE-2]]:54: warning: lambda stored in data member 'handlers_' keeps a copy of 'ids' (type 'std::vector<int>', 24 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:43: note: the lambda is stored in data member 'handlers_' here

  void self() {
    handlers_.push_back([this] { (void)frame_; }); // no warning: `this` is another problem
  }

private:
  Frame frame_;
  std::vector<Callback> handlers_;
};

void shortLived(Frame frame, std::vector<int> v) {
  [frame] { consume(frame); }(); // no warning: called right away
  std::for_each(v.begin(), v.end(), [frame](int) { consume(frame); }); // no warning: algorithm
  Callback local = [frame] { consume(frame); }; // no warning: a local callback
  local();
  std::vector<Callback> fns; // no warning: a local container
  fns.push_back([frame] { consume(frame); });
  for (auto &f : fns)
    f();
  Button tmp; // no warning: member of a short-lived local object
  tmp.onClick = [frame] { consume(frame); };
  tmp.onClick();
  Bus localBus; // no warning: a local bus dies with the scope
  localBus.subscribe([frame] { consume(frame); });
  Button other; // no warning: stored into a local through attach()
  attach(other, [frame] { consume(frame); });
  Dispatcher d; // no warning: runNow() only calls it
  d.runNow([frame] { consume(frame); });
  process([frame] { consume(frame); }); // no warning: not known to store
  std::thread t([frame] { consume(frame); }); // no warning: the thread drops it when done
  t.join();
}

Callback returned(Frame frame) {
  return [frame] { consume(frame); }; // no warning: the caller decides
}

void fill(std::vector<Callback> &out, Frame frame) {
  out.push_back([frame] { consume(frame); }); // no warning: the caller's container may be a local
}

// Templates are analysed in their instantiations; each capture is reported
// once.
template <typename T> void inTemplate(T value) {
  g_callbacks.push_back([value] { (void)value; });
  // CHECK-FIXES:  g_callbacks.push_back([value = std::move(value)] { (void)value; });
  // CHECK-MESSAGES: :[[@LINE-2]]:26: warning: lambda stored in global 'g_callbacks' keeps a copy of 'value' (type 'Frame', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is stored in global 'g_callbacks' here
}
template void inTemplate<Frame>(Frame);
template void inTemplate<Matrix>(Matrix);
template void inTemplate<int>(int);

// Recursion terminates; the chain of helpers is followed six calls deep.
void relayB(Callback c, int n);
void relayA(Callback c, int n) {
  if (n)
    relayB(c, n - 1);
  else
    g_callbacks.push_back(c);
}
void relayB(Callback c, int n) {
  if (n)
    relayA(std::move(c), n - 1);
}
void hop1(Callback c) { g_callbacks.push_back(std::move(c)); }
void hop2(Callback c) { hop1(std::move(c)); }
void hop3(Callback c) { hop2(std::move(c)); }
void hop4(Callback c) { hop3(std::move(c)); }
void hop5(Callback c) { hop4(std::move(c)); }
void hop6(Callback c) { hop5(std::move(c)); }
void hop7(Callback c) { hop6(std::move(c)); }

void relays(std::string s, std::string t, std::string u) {
  relayA([s] { (void)s; }, 3);
  // CHECK-FIXES:  relayA([s = std::move(s)] { (void)s; }, 3);
  // CHECK-MESSAGES: :[[@LINE-2]]:11: warning: lambda stored in global 'g_callbacks' keeps a copy of 's' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the lambda is passed to 'relayA' here
  // CHECK-MESSAGES: :[[@LINE-19]]:17: note: the lambda is stored in global 'g_callbacks' here
  hop2([t] { (void)t; });
  // CHECK-FIXES:  hop2([t = std::move(t)] { (void)t; });
  // CHECK-MESSAGES: :[[@LINE-2]]:9: warning: lambda stored in global 'g_callbacks' keeps a copy of 't' (type 'std::string', 32 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the lambda is passed to 'hop2' here
  // CHECK-MESSAGES: :[[@LINE-17]]:25: note: the lambda is passed to 'hop1' here
  // CHECK-MESSAGES: :[[@LINE-19]]:37: note: the lambda is stored in global 'g_callbacks' here
  // FIXME: past the depth limit (no warning).
  hop7([u] { (void)u; });
}

// `[*this]` copies the whole object.
class Canvas {
public:
  void onResize() {
    g_callbacks.push_back([*this] { redraw(); });
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: lambda stored in global 'g_callbacks' keeps a copy of '*this' (type 'Canvas', 1048 bytes + heap data) alive as long as it exists [leaklint-lambda-capture]
    // CHECK-MESSAGES: :[[@LINE-2]]:17: note: the lambda is stored in global 'g_callbacks' here
    g_callbacks.push_back([this] { redraw(); }); // no warning: a pointer
  }
  void redraw() const;

private:
  char pixels_[1024];
  std::vector<int> dirty_;
};
